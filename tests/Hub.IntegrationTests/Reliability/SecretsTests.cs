using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CatalogHub.IntegrationTests.Ingest;
using Npgsql;
using Xunit.Abstractions;

namespace CatalogHub.IntegrationTests.Reliability;

/// <summary>
/// API keys, supplier passwords, Shopify access tokens and webhook signing secrets are used for real (keys
/// authenticate, the supplier adapter and the outbox dispatcher send theirs), then every response body and header,
/// every log line the hub wrote and every row of its database are searched for them.
/// </summary>
public class SecretsTests(ReliabilityHub hub, ITestOutputHelper output) : IClassFixture<ReliabilityHub>
{
    private readonly List<(string What, string Text)> _responses = [];

    [Fact]
    public async Task NoSecretAppearsInAnyResponseLogLineOrRow()
    {
        string Secret(string what) => $"{what}-{Guid.NewGuid():N}";
        var password = Secret("supplier-password");
        var accessToken = Secret("shpat");
        var storeSecret = Secret("store-webhook-secret");
        var customerSecret = Secret("customer-webhook-secret");
        var guessedKey = Api.Auth.ApiKeySecret.Generate();
        using var admin = hub.Client();

        // An API key: shown once, at creation (the one response allowed to hold it), then used.
        using var created = await admin.PostAsJsonAsync("/api/keys", new { name = "secrets reader", scopes = new[] { "read" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdBody = await created.Content.ReadFromJsonAsync<JsonElement>();
        var readKey = createdBody.GetProperty("key").GetString()!;
        var readKeyId = createdBody.GetProperty("id").GetString()!;
        using var reader = hub.Client(readKey);
        await RecordAsync("GET /api/products as reader", reader, HttpMethod.Get, "/api/products");
        await RecordAsync("GET /api/keys with a guessed key", hub.Client(guessedKey), HttpMethod.Get, "/api/keys");
        await RecordAsync("GET /api/v1/jobs with a guessed key", hub.Client(guessedKey), HttpMethod.Get, $"/api/v1/jobs/{Guid.NewGuid()}");
        await RecordAsync("sign-in with the key", hub.Anonymous(), HttpMethod.Post, "/signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = guessedKey }));

        // A supplier whose adapter sends its password (to the hub itself, which refuses it: the import fails).
        var supplierBody = new
        {
            name = "Secret Supplier",
            adapter = "promostandards",
            adapter_config = new
            {
                endpoints = new
                {
                    product_data = new Uri(hub.BaseAddress, "/supplier-sink/product-data").ToString(),
                    pricing = new Uri(hub.BaseAddress, "/supplier-sink/pricing").ToString(),
                    media = new Uri(hub.BaseAddress, "/supplier-sink/media").ToString(),
                    inventory = new Uri(hub.BaseAddress, "/supplier-sink/inventory").ToString(),
                },
                credentials = new { id = "secret-supplier", password },
            },
        };
        var supplier = (await RecordAsync("POST /api/suppliers", admin, HttpMethod.Post, "/api/suppliers", JsonContent.Create(supplierBody))).GetProperty("id").GetString();
        await RecordAsync("POST /api/suppliers (invalid)", admin, HttpMethod.Post, "/api/suppliers",
            JsonContent.Create(new { name = "", adapter = "nope", adapter_config = new { credentials = new { id = "x", password } } }));
        await RecordAsync("GET /api/suppliers", admin, HttpMethod.Get, "/api/suppliers");
        await RecordAsync("GET /api/suppliers/{id}", admin, HttpMethod.Get, $"/api/suppliers/{supplier}");
        var job = (await RecordAsync("POST import", admin, HttpMethod.Post, $"/api/suppliers/{supplier}/import", JsonContent.Create(new { mode = "full_sellable" })))
            .GetProperty("sync_job_id").GetString();

        // A store delivering to "Shopify" with an access token, one to a webhook (the hub again: refused) with a secret,
        // and a customer's storefront webhook.
        var shopStore = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var webhookStore = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        await RecordAsync("PUT shopify delivery", admin, HttpMethod.Put, $"/api/v1/admin/stores/{shopStore}/delivery", JsonContent.Create(new
        {
            kind = "shopify",
            shop_domain = new Uri(hub.BaseAddress, "/shopify-sink").ToString(),
            api_version = "2025-01",
            access_token = accessToken,
            location_ids = new Dictionary<string, long>(),
        }));
        await RecordAsync("PUT shopify delivery (invalid)", admin, HttpMethod.Put, $"/api/v1/admin/stores/{shopStore}/delivery",
            JsonContent.Create(new { kind = "shopify", shop_domain = "not a domain", access_token = accessToken }));
        await RecordAsync("PUT webhook delivery", admin, HttpMethod.Put, $"/api/v1/admin/stores/{webhookStore}/delivery",
            JsonContent.Create(new { kind = "webhook", url = new Uri(hub.BaseAddress, "/webhook-sink").ToString(), secret = storeSecret }));
        await RecordAsync("PUT webhook delivery (invalid)", admin, HttpMethod.Put, $"/api/v1/admin/stores/{webhookStore}/delivery",
            JsonContent.Create(new { kind = "webhook", url = "ftp://x", secret = storeSecret }));
        var customer = await hub.InsertCustomerAsync();
        await RecordAsync("PUT customer delivery", admin, HttpMethod.Put, $"/api/customers/{customer}/delivery",
            JsonContent.Create(new { url = new Uri(hub.BaseAddress, "/customer-sink").ToString(), secret = customerSecret, auto_repush = true }));
        await RecordAsync("PUT customer delivery (invalid)", admin, HttpMethod.Put, $"/api/customers/{customer}/delivery",
            JsonContent.Create(new { url = "nope", secret = customerSecret, auto_repush = true }));
        foreach (var store in new[] { shopStore, webhookStore })
        {
            await RecordAsync("POST ingest", admin, HttpMethod.Post, $"/api/v1/ingest/products/{store}",
                JsonContent.Create(IngestTestData.Body([("p", IngestTestData.Product("Secret Tee", $"SEC-{store}"))])));
        }

        // Wait until the adapter and the webhook dispatcher have used their secrets (the hub logs each request it gets).
        // The Shopify token is stored and shown, not sent: the outbox has no Shopify channel yet (Grains/Outbox).
        await HubClients.EventuallyAsync(
            () => Task.FromResult(new[] { "/supplier-sink", "/webhook-sink" }.Count(p => hub.Logs.Lines.Any(l => l.Contains(p, StringComparison.Ordinal)))),
            n => n == 2, TimeSpan.FromSeconds(60), "the supplier adapter and the webhook dispatcher reached their targets");

        foreach (var (what, path) in new[]
        {
            ("GET shopify delivery", $"/api/v1/admin/stores/{shopStore}/delivery"),
            ("GET webhook delivery", $"/api/v1/admin/stores/{webhookStore}/delivery"),
            ("GET customer delivery", $"/api/customers/{customer}/delivery"),
            ("GET outbox targets", "/api/v1/admin/outbox/targets"),
            ("GET outbox", "/api/v1/admin/outbox?status=pending,processing,failed"),
            ("GET sync job", $"/api/sync-jobs/{job}"),
            ("GET sync jobs", "/api/sync-jobs"),
            ("GET keys", "/api/keys"),
            ("GET cluster", "/api/cluster"),
        })
        {
            await RecordAsync(what, admin, HttpMethod.Get, path);
        }

        var secrets = new Dictionary<string, string>
        {
            ["bootstrap admin key"] = hub.AdminKey,
            ["created API key"] = readKey,
            ["guessed API key"] = guessedKey,
            ["supplier password"] = password,
            ["Shopify access token"] = accessToken,
            ["store webhook secret"] = storeSecret,
            ["customer webhook secret"] = customerSecret,
        };
        var rows = await DatabaseTextAsync();
        var logs = hub.Logs.Lines.ToList();
        var leaks = new List<string>();
        foreach (var (name, secret) in secrets)
        {
            leaks.AddRange(_responses.Where(r => r.Text.Contains(secret, StringComparison.Ordinal)).Select(r => $"{name} in the response to {r.What}"));
            leaks.AddRange(logs.Where(l => l.Contains(secret, StringComparison.Ordinal)).Take(3).Select(l => $"{name} in a log line: {l[..Math.Min(300, l.Length)]}"));
            leaks.AddRange(rows.Where(r => r.Text.Contains(secret, StringComparison.Ordinal)).Select(r => $"{name} stored in clear in {r.Table}"));
        }

        output.WriteLine($"secrets: {secrets.Count} secrets searched in {_responses.Count} responses, {logs.Count} log lines and {rows.Count} rows; {leaks.Count} found");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));

        // Keys are kept as their SHA-256 only.
        var stored = await hub.ScalarAsync<byte[]>("SELECT key_hash FROM api_keys WHERE id = $1", Guid.Parse(readKeyId));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(readKey)), stored);
    }

    /// <summary>Sends a request, keeps its answer (headers and body) for the scan, and returns the body as JSON (or default).</summary>
    private async Task<JsonElement> RecordAsync(string what, HttpClient client, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        _responses.Add(($"{what} ({(int)response.StatusCode})", headers + "\n" + body));
        try
        {
            return JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>Every row of every table of the hub's database (the Orleans tables included), as text.</summary>
    private async Task<List<(string Table, string Text)>> DatabaseTextAsync()
    {
        await using var db = NpgsqlDataSource.Create(hub.ConnectionString);
        var tables = new List<string>();
        await using (var list = db.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        await using (var r = await list.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                tables.Add(r.GetString(0));
            }
        }

        var rows = new List<(string, string)>();
        foreach (var table in tables)
        {
            // bytea columns come out as hex: a secret stored as bytes (UTF-8) is searched for in that form too.
            await using var cmd = db.CreateCommand($"SELECT row_to_json(t)::text FROM \"{table}\" t");
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                var text = r.GetString(0);
                rows.Add((table, text));
            }
        }

        return rows;
    }
}
