using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace CatalogHub.IntegrationTests.Ingest;

/// <summary>Stores, locations and request bodies for the ingestion tests.</summary>
public static class IngestTestData
{
    /// <summary>A fresh store number (stores are per database; tests of a class share one).</summary>
    public static string NewStoreNumber() => $"S{Guid.NewGuid():N}"[..12];

    /// <summary>Creates an active store with its default location and <paramref name="locations"/> (name, active).</summary>
    public static async Task<string> CreateStoreAsync(string connectionString, string? storeNumber = null, bool active = true, params (string Name, bool Active)[] locations)
    {
        storeNumber ??= NewStoreNumber();
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand("""
            WITH s AS (INSERT INTO stores (store_number, name, active) VALUES ($1, $1, $2) RETURNING id)
            INSERT INTO store_locations (store_id, name, active)
            SELECT s.id, l.name, l.active FROM s, unnest($3::text[], $4::bool[]) AS l(name, active)
            """);
        cmd.Parameters.AddWithValue(storeNumber);
        cmd.Parameters.AddWithValue(active);
        cmd.Parameters.AddWithValue(locations.Select(l => l.Name).Prepend(storeNumber).ToArray());
        cmd.Parameters.AddWithValue(locations.Select(l => l.Active).Prepend(true).ToArray());
        await cmd.ExecuteNonQueryAsync();
        return storeNumber;
    }

    /// <summary>A request body: <c>{"entries": [{entry_id, data}...], "options": ..., "idempotency_key": ...}</c>.</summary>
    public static JsonObject Body(IEnumerable<(string EntryId, object Data)> entries, object? options = null, string? idempotencyKey = null)
    {
        var body = new JsonObject
        {
            ["entries"] = new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject { ["entry_id"] = e.EntryId, ["data"] = JsonSerializer.SerializeToNode(e.Data) })]),
        };
        if (options is not null)
        {
            body["options"] = JsonSerializer.SerializeToNode(options);
        }

        if (idempotencyKey is not null)
        {
            body["idempotency_key"] = idempotencyKey;
        }

        return body;
    }

    /// <summary>A product entry's data with one variant per SKU.</summary>
    public static object Product(string title, params string[] skus) => new
    {
        title,
        vendor = "Acme",
        variants = skus.Select((sku, i) => new { sku, price = 10m + i, option1_name = "Size", option1_value = $"S{i}" }).ToArray(),
    };

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(this HttpClient client, string path, JsonNode body)
    {
        var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
