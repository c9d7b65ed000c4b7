using System.Globalization;
using CatalogHub.Bench.ProductsApi;

// bench products-api --url http://127.0.0.1:8080 --key <read key> --connection "<the hub's database>" [--clients 32] [--seconds 10]
if (args is not ["products-api", .. var rest])
{
    Console.Error.WriteLine("usage: Bench products-api --url <hub> --key <api key> --connection <npgsql connection string> [--clients 32] [--seconds 10]");
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < rest.Length; i += 2)
{
    options[rest[i]] = rest[i + 1];
}

if (!options.TryGetValue("--url", out var url) || !options.TryGetValue("--key", out var key) || !options.TryGetValue("--connection", out var connection))
{
    Console.Error.WriteLine("--url, --key and --connection are required");
    return 2;
}

var clients = int.Parse(options.GetValueOrDefault("--clients", "32"), CultureInfo.InvariantCulture);
var seconds = int.Parse(options.GetValueOrDefault("--seconds", "10"), CultureInfo.InvariantCulture);
await new ProductsApiScenario(new Uri(url), key, connection, clients, TimeSpan.FromSeconds(seconds), Console.Out).RunAsync();
return 0;
