using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CatalogHub.Bench.Faults;

/// <summary>One answer as the cases look at it: status, body (parsed when it is JSON) and the Retry-After header.</summary>
public sealed record Answer(HttpStatusCode Status, JsonElement Body, string Text, string? RetryAfter)
{
    public int Code => (int)Status;

    public bool Ok => Code is >= 200 and < 300;

    public string? Str(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public override string ToString() => $"{Code} {Text[..Math.Min(Text.Length, 300)]}";
}

public static class Http
{
    public static async Task<Answer> CallAsync(this HttpClient client, HttpMethod method, string path, object? body = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is byte[] bytes)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new("application/json");
        }
        else if (body is string json)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request, ct);
        return await ReadAsync(response, ct);
    }

    public static Task<Answer> PostJsonAsync(this HttpClient client, string path, object? body, CancellationToken ct = default) => client.CallAsync(HttpMethod.Post, path, body, ct);

    public static Task<Answer> GetJsonAsync(this HttpClient client, string path, CancellationToken ct = default) => client.CallAsync(HttpMethod.Get, path, null, ct);

    public static async Task<Answer> ReadAsync(HttpResponseMessage response, CancellationToken ct = default)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonElement json = default;
        if (text.Length > 0 && text[0] is '{' or '[')
        {
            try
            {
                json = JsonSerializer.Deserialize<JsonElement>(text);
            }
            catch (JsonException)
            {
                // Not JSON after all: the text is kept.
            }
        }

        var retryAfter = response.Headers.RetryAfter?.ToString();
        return new Answer(response.StatusCode, json, text, retryAfter);
    }

    /// <summary>A product entry of the ingestion API (seed 002) with one variant per SKU.</summary>
    public static object Product(string handle, params string[] skus) => new
    {
        handle,
        title = $"Fault {handle}",
        vendor = "Faults",
        variants = skus.Select((sku, i) => new { sku, price = 10m + i, option1_name = "Size", option1_value = $"S{i}" }).ToArray(),
    };

    /// <summary><c>{"entries": [{entry_id, data}…], "options"?, "idempotency_key"?}</c>.</summary>
    public static object Entries(IEnumerable<(string Id, object Data)> entries, object? options = null, string? idempotencyKey = null)
    {
        var body = new Dictionary<string, object?> { ["entries"] = entries.Select(e => new { entry_id = e.Id, data = e.Data }).ToArray() };
        if (options is not null)
        {
            body["options"] = options;
        }

        if (idempotencyKey is not null)
        {
            body["idempotency_key"] = idempotencyKey;
        }

        return body;
    }
}
