using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CatalogHub.Api.Ingest;

namespace CatalogHub.Api.Console;

/// <summary>
/// The failed entries of an ingestion job as files to fix and send again. JSON is the ingestion envelope itself
/// (<c>{"entries":[{"entry_id","data"}]}</c>), ready to POST to the job's endpoint. CSV has one row per entry:
/// <c>entry_id</c> and <c>data</c> (the original data as JSON), which make the envelope again, then the error's
/// <c>error_type</c>, <c>error_field</c> and <c>error_message</c>. Pure.
/// </summary>
public static class FailedEntriesFile
{
    public const string CsvHeader = "entry_id,data,error_type,error_field,error_message";

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The envelope of the failed entries, in submission order.</summary>
    public static byte[] Json(IEnumerable<ResultRow> failed)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Compact with { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("entries");
            foreach (var row in failed)
            {
                json.WriteStartObject();
                json.WriteString("entry_id", row.EntryId ?? "");
                json.WritePropertyName("data");
                using var data = JsonDocument.Parse(row.Data ?? "{}");
                data.RootElement.WriteTo(json);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>RFC 4180 CSV (CRLF line ends, every field quoted when it must be), UTF-8 without a byte order mark.</summary>
    public static byte[] Csv(IEnumerable<ResultRow> failed)
    {
        var csv = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var row in failed)
        {
            string[] fields = [row.EntryId ?? "", Minified(row.Data), row.ErrorType ?? "", row.ErrorField ?? "", row.ErrorMessage ?? ""];
            csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>A CSV field, quoted when it holds a comma, quote, line break or leading/trailing space.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private static string Minified(string? data)
    {
        using var doc = JsonDocument.Parse(data ?? "{}");
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Compact))
        {
            doc.RootElement.WriteTo(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
