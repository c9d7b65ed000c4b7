using System.Text.Json;

namespace CatalogHub.Api.Console;

/// <summary>One entry of a sync job's <c>errors</c> (<c>[{phase, ref, code, msg}]</c>); missing fields are empty. Pure.</summary>
public sealed record SyncJobErrorLine(string Phase, string Ref, string Code, string Msg)
{
    public static IReadOnlyList<SyncJobErrorLine> Read(JsonElement errors) =>
        errors.ValueKind != JsonValueKind.Array
            ? []
            : [.. errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(e => new SyncJobErrorLine(Text(e, "phase"), Text(e, "ref"), Text(e, "code"), Text(e, "msg")))];

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => v.GetRawText(),
        } : "";
}
