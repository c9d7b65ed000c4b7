using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Imports;

/// <summary>Feeds for the import tests: products, NDJSON and JSON bodies, gzip, posting, and a catalog dump to compare.</summary>
public static class FeedTestData
{
    public static string NewCatalog() => $"store:imp-{Guid.NewGuid():N}"[..22];

    public static object Product(string key, int variants = 2, decimal price = 10m, string? name = null, object[]? attributes = null) => new
    {
        key,
        name = name ?? $"Product {key}",
        brand = "Acme",
        categories = new[] { "Apparel/Tops" },
        images = new[] { new { url = $"https://img.example.com/{key}.jpg", color = "Navy" } },
        attributes = attributes ?? [],
        variants = Enumerable.Range(0, variants).Select(i => new { sku = $"{key}-{i}", size = $"S{i}", price = price + i, stock = 5 }).ToArray(),
    };

    public static byte[] Ndjson(IEnumerable<object> items) =>
        Encoding.UTF8.GetBytes(string.Concat(items.Select(i => JsonSerializer.Serialize(i) + "\n")));

    public static byte[] Json(IEnumerable<object> items) => JsonSerializer.SerializeToUtf8Bytes(items.ToArray());

    public static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }

    public static HttpContent Content(byte[] body, string mediaType = "application/x-ndjson", bool gzip = false)
    {
        var content = new ByteArrayContent(gzip ? Gzip(body) : body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }

    public static async Task<(int Status, JsonElement Json)> ImportAsync(
        this HttpClient client, string catalog, string query, byte[] body, string mediaType = "application/x-ndjson", bool gzip = false, CancellationToken ct = default)
    {
        using var response = await client.PostAsync($"/api/v1/catalogs/{catalog}/imports?{query}", Content(body, mediaType, gzip), ct);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(ct));
    }

    public static async Task<(int Status, JsonElement Json)> GetStatusAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static Task<JsonElement> UntilFinishedAsync(this HttpClient client, string id, int seconds = 60) => HubClients.EventuallyAsync(
        async () => (await client.GetStatusAsync($"/api/v1/imports/{id}")).Json,
        j => j.GetProperty("status").GetString() is "SUCCESS" or "FAILURE" or "ABORTED", TimeSpan.FromSeconds(seconds), $"import {id} finished");

    public static int Summary(this JsonElement json, string field) => json.GetProperty("summary").GetProperty(field).GetInt32();

    /// <summary>Every product, variant, outbox event and attribute name of the catalog as text, in a stable order.</summary>
    public static Task<string> DumpAsync(string db, string catalog) => Sql.ScalarAsync<string>(db, """
        SELECT coalesce(string_agg(t, E'\n' ORDER BY t), '') FROM (
            SELECT 'p ' || row_to_json(p)::text AS t FROM products p WHERE catalog = $1
            UNION ALL SELECT 'v ' || row_to_json(v)::text FROM variants v WHERE catalog = $1
            UNION ALL SELECT 'o ' || row_to_json(o)::text FROM outbox_events o WHERE catalog = $1
            UNION ALL SELECT 'a ' || row_to_json(a)::text FROM catalog_attributes a WHERE catalog = $1) x
        """, catalog);
}
