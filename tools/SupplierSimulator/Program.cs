using CatalogHub.SupplierSimulator;

// A PromoStandards supplier over a synthetic catalog; see SimulatorOptions.Usage.
SimulatorOptions options;
string[] rest;
try
{
    options = SimulatorOptions.Parse(args, out rest);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync(SimulatorOptions.Usage);
    return 2;
}

if (rest.Contains("--help") || rest.Contains("-h"))
{
    Console.WriteLine(SimulatorOptions.Usage);
    return 0;
}

var app = SimulatorApp.Build(options, rest, inProcess: false);
await app.StartAsync();
var paths = string.Join(" ", SimulatorApp.Services.Select(s => s.Path));
foreach (var url in app.Urls)
{
    Console.WriteLine($"Supplier simulator: {options.Products} products (seed {options.Seed}), account {options.AccountId}, at {url} — {paths} /admin");
}

await app.WaitForShutdownAsync();
return 0;
