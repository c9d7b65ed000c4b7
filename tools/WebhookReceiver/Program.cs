using CatalogHub.WebhookReceiver;

// Records and verifies signed webhook deliveries; see ReceiverOptions.Usage.
ReceiverOptions options;
string[] rest;
try
{
    options = ReceiverOptions.Parse(args, out rest);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync(ReceiverOptions.Usage);
    return 2;
}

if (rest.Contains("--help") || rest.Contains("-h"))
{
    Console.WriteLine(ReceiverOptions.Usage);
    return 0;
}

var app = ReceiverApp.Build(options, rest, inProcess: false);
await app.StartAsync();
foreach (var url in app.Urls)
{
    Console.WriteLine($"Webhook receiver at {url}: POST anywhere; recorded deliveries on GET /admin/deliveries");
}

await app.WaitForShutdownAsync();
return 0;
