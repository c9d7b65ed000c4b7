using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json.Linq;
using Npgsql;
using Xunit.Abstractions;

namespace CatalogHub.IntegrationTests.Reliability;

/// <summary>
/// Malformed requests generated from the hub's own OpenAPI document and seed 002's contract: none may get a 5xx, each
/// refused one must say why, and none may write a row. The seed is fixed (HUB_FUZZ_SEED overrides it to explore).
/// </summary>
public class BadInputTests(ReliabilityHub hub, ITestOutputHelper output) : IClassFixture<ReliabilityHub>
{
    public const ulong DefaultSeed = 20261206;

    private const int Generated = 600;

    private const string Store = "8001";

    [Fact]
    public async Task MalformedRequestsGetA4xxThatNamesTheProblemAndWriteNothing()
    {
        var seed = Environment.GetEnvironmentVariable("HUB_FUZZ_SEED") is { Length: > 0 } s ? ulong.Parse(s) : DefaultSeed;
        using var admin = hub.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/admin/stores", new { store_number = Store, name = "Fuzz" })).StatusCode);

        var hubDocument = JObject.Parse(await admin.GetStringAsync("/openapi/v1.json"));
        var operations = OpenApiSchemas.OperationsOf(hubDocument, "hub").Concat(OpenApiSchemas.OperationsOf(OpenApiSpec.ShopifyBridge.Document, "shopify-bridge")).ToList();
        var pathValues = new Dictionary<string, string> { ["store_number"] = Store, ["catalog"] = $"store:{Store}", ["key"] = "fuzz-probe" };
        var requests = new MalformedRequests(operations, pathValues);
        var cases = requests.Generator.Sample(Generated, new Rnd(seed), 50).Concat(requests.Injections()).ToList();

        var before = await RowCountsAsync();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var c in cases)
        {
            var (status, problem) = await SendAsync(admin, c);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (problem is not null)
            {
                failures.Add($"{c.Method} {Short(c.Url)} [{c.Kind}: {c.Description}] from {c.Operation.Source}: {problem}");
            }
        }

        var after = await RowCountsAsync();
        var written = after.Where(a => a.Value != before.GetValueOrDefault(a.Key)).Select(a => $"{a.Key}: {before.GetValueOrDefault(a.Key)} → {a.Value}").ToList();
        output.WriteLine($"bad input: seed {seed}, {cases.Count} requests ({Generated} generated, {cases.Count - Generated} injections) over {operations.Count} operations, "
            + $"{statuses.Where(p => p.Key >= 500).Sum(p => p.Value)} ≥ 500, {failures.Count} failures, {written.Count} tables written");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
        output.WriteLine("kinds: " + string.Join(", ", cases.GroupBy(c => c.Kind).Select(g => $"{g.Key}×{g.Count()}")));
        foreach (var line in hub.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).Take(5))
        {
            output.WriteLine(line.Length > 2000 ? line[..2000] : line);
        }

        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {cases.Count} requests answered wrongly:\n" + string.Join("\n", failures.Take(60)));
        Assert.True(written.Count == 0, $"seed {seed}: malformed requests wrote rows:\n" + string.Join("\n", written));
    }

    /// <summary>The status, and what is wrong with the answer (null: nothing).</summary>
    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient http, MalformedRequest c)
    {
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Url);
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(c.Body);
            if (c.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
            }

            if (c.ContentEncoding is not null)
            {
                request.Content.Headers.ContentEncoding.Add(c.ContentEncoding);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            return (0, $"no answer: {e.Message}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (response.Headers.Contains("X-Injected") || response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(v => v.Contains("injected", StringComparison.Ordinal)))
            {
                return (status, "a header was injected");
            }

            if (status >= 500)
            {
                return (status, $"{status}: {Short(text)}");
            }

            if (status is 401 or 403 or 429)
            {
                return (status, $"{status} for the admin key: {Short(text)}");
            }

            if (status == 400 && text.Length == 0 && c.Url.Split('?')[0].Contains("%00", StringComparison.Ordinal))
            {
                // Kestrel refuses a path that decodes to a NUL before any middleware runs: nothing of ours can add a body.
                return (status, null);
            }

            if (status < 400)
            {
                return (status, c.MustBeRefused ? $"{status} for a malformed request: {Short(text)}" : null);
            }

            return (status, NamesTheProblem(status, text) ? null : $"{status} without a problem named in its body: '{Short(text)}'");
        }
    }

    /// <summary>
    /// A problem+json <c>detail</c> or <c>errors</c>, the ingestion contract's <c>error</c>, or the feed-import contract's
    /// <c>reason</c>; a 404/405 of the router may name it in its title.
    /// </summary>
    private static bool NamesTheProblem(int status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            bool Has(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v)
                && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) && !(v.ValueKind == JsonValueKind.String && v.GetString()!.Length == 0);
            return Has("detail") || Has("errors") || Has("error") || Has("reason") || (status is 404 or 405 && Has("title"));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Rows of every table of the hub (not the Orleans providers' tables), by table.</summary>
    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var db = NpgsqlDataSource.Create(hub.ConnectionString);
        var tables = new List<string>();
        await using (var list = db.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'orleans%' AND tablename <> 'schema_migrations' ORDER BY 1"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = db.CreateCommand($"SELECT count(*) FROM \"{table}\"");
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
