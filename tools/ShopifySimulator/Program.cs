using CatalogHub.ShopifySimulator;

// A Shopify shop speaking the Admin GraphQL API; see ShopifySimulatorOptions.Usage.
ShopifySimulatorOptions options;
string[] rest;
try
{
    options = ShopifySimulatorOptions.Parse(args, out rest);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync(ShopifySimulatorOptions.Usage);
    return 2;
}

if (rest.Contains("--help") || rest.Contains("-h"))
{
    Console.WriteLine(ShopifySimulatorOptions.Usage);
    return 0;
}

var app = ShopifySimulatorApp.Build(options, rest, inProcess: false);
await app.StartAsync();
foreach (var url in app.Urls)
{
    Console.WriteLine($"Shopify simulator at {url}: POST /admin/api/2025-10/graphql.json (X-Shopify-Access-Token), state on GET /admin/state");
}

await app.WaitForShutdownAsync();
return 0;
