using CatalogHub.Silo.Cli;
using CatalogHub.Silo.Hosting;

// `Silo keys ...` manages API keys; anything else runs the hub (silo + HTTP API + dashboard).
// The composition (AddHubDatabaseAsync, UseHubOrleans, AddHubApi, MapHubApi, MapHubDashboard) is in HubApplication.
return args is ["keys", .. var rest]
    ? await KeysCommand.RunAsync(rest)
    : await HubApplication.RunAsync(args);
