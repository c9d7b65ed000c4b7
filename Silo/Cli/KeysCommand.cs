using CatalogHub.Api.Auth;
using CatalogHub.Silo.Database;
using CatalogHub.Silo.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CatalogHub.Silo.Cli;

/// <summary>
/// <c>Silo keys create --name NAME --scopes admin[,ingest,read] [--stores 1,2]</c>, <c>keys list</c> and
/// <c>keys revoke ID</c>: manage API keys from a shell, against the configured or the local database.
/// </summary>
public static class KeysCommand
{
    private const string Usage = """
        Usage:
          keys create --name NAME --scopes SCOPE[,SCOPE...] [--stores STORE[,STORE...]]
          keys list
          keys revoke ID
        Scopes: admin, ingest, read. The new key is printed once; only its hash is stored.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("create" or "list" or "revoke"))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetHubOptions();
        var connectionString = configuration.GetConnectionString("Hub");
        var problems = HubOptionsValidator.Validate(options, connectionString);
        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync(new HubConfigurationException(problems).Message);
            return 2;
        }

        LocalDatabase? local = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            local = await LocalDatabase.StartAsync(options.LocalDataDirectory, Console.Error);
            connectionString = local.ConnectionString;
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
            var store = new ApiKeyStore(dataSource, TimeProvider.System);
            return args[0] switch
            {
                "create" => await CreateAsync(store, ParseFlags(args[1..])),
                "list" => await ListAsync(store),
                _ => await RevokeAsync(store, args[1..]),
            };
        }
        finally
        {
            if (local is not null)
            {
                await local.StopIfUnusedAsync(Console.Error);
            }
        }
    }

    private static async Task<int> CreateAsync(ApiKeyStore store, Dictionary<string, string> flags)
    {
        var request = new CreateApiKeyRequest(
            flags.GetValueOrDefault("name"),
            Split(flags.GetValueOrDefault("scopes")),
            Split(flags.GetValueOrDefault("stores")));
        var errors = ApiKeyRequestRules.Validate(request);
        if (errors.Count > 0)
        {
            foreach (var message in errors.Values.SelectMany(m => m))
            {
                await Console.Error.WriteLineAsync(message);
            }

            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var created = await store.CreateAsync(request.Name!.Trim(), [.. request.Scopes!.Distinct()], request.StoreNumbers);
        await Console.Error.WriteLineAsync($"Created key {created.Id} '{created.Name}' ({string.Join(",", created.Scopes)}). It is shown once:");
        Console.WriteLine(created.Key);
        return 0;
    }

    private static async Task<int> ListAsync(ApiKeyStore store)
    {
        foreach (var key in await store.ListAsync())
        {
            var state = key.RevokedAt is null ? "active" : $"revoked {key.RevokedAt:u}";
            Console.WriteLine($"{key.Id}  {key.Prefix}…  {key.Name}  [{string.Join(",", key.Scopes)}]  {state}");
        }

        return 0;
    }

    private static async Task<int> RevokeAsync(ApiKeyStore store, string[] args)
    {
        if (args.Length != 1 || !Guid.TryParse(args[0], out var id))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (!await store.RevokeAsync(id))
        {
            await Console.Error.WriteLineAsync($"No API key with id {id}.");
            return 1;
        }

        Console.WriteLine($"Revoked {id}.");
        return 0;
    }

    private static Dictionary<string, string> ParseFlags(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                flags[args[i][2..]] = args[i + 1];
            }
        }

        return flags;
    }

    private static string[]? Split(string? value) =>
        value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
