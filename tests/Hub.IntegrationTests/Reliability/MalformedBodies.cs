using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static CatalogHub.IntegrationTests.Reliability.OpenApiSchemas;

namespace CatalogHub.IntegrationTests.Reliability;

/// <summary>Malformed JSON bodies drawn from an operation's body schema: wrong types, missing fields, oversized values, bad bytes.</summary>
public static class MalformedBodies
{
    public static readonly string[] BodyKinds =
        ["wrong-type", "missing-required", "oversized-string", "oversized-array", "invalid-utf8", "truncated-json", "deep-nesting", "bad-gzip", "huge-number"];

    /// <summary>A malformed body of <paramref name="kind"/> for <paramref name="op"/>, sent to <paramref name="url"/>; a kind the body has no place for becomes truncated JSON.</summary>
    public static MalformedRequest Build(ApiOperation op, string kind, int a, int b, string url)
    {
        var schema = op.BodySchema ?? new JObject();
        var skeleton = Skeleton(schema, 0);
        var contentType = op.BodyMediaType is "application/x-ndjson" or "application/x-www-form-urlencoded" or "multipart/form-data"
            ? op.BodyMediaType
            : "application/json";
        var properties = (schema["properties"] as JObject ?? []).Properties().ToList();
        JProperty? Pick(Func<JProperty, bool> filter)
        {
            var candidates = properties.Where(filter).ToList();
            return candidates.Count == 0 ? null : candidates[a % candidates.Count];
        }

        string description;
        byte[] body;
        string? encoding = null;
        switch (kind)
        {
            case "wrong-type" when Pick(p => TypeOf(p.Value) is not null) is { } prop && skeleton is JObject obj:
                obj[prop.Name] = WrongValue(TypeOf(prop.Value)!, b);
                description = $"{prop.Name} as {obj[prop.Name]!.Type}";
                body = Utf8(skeleton);
                break;
            case "missing-required" when (schema["required"] as JArray)?.Count > 0 && skeleton is JObject obj:
                var required = ((JArray)schema["required"]!).Select(r => r.Value<string>()!).ToList();
                var missing = required[a % required.Count];
                obj.Remove(missing);
                description = $"without {missing}";
                body = Utf8(skeleton);
                break;
            case "missing-required" when op.BodyRequired:
                description = "no body";
                body = [];
                break;
            case "oversized-string" when Pick(p => TypeOf(p.Value) == "string" && p.Value["enum"] is null && p.Value["format"] is null) is { } prop && skeleton is JObject obj:
                var length = prop.Value.Value<int?>("maxLength") is { } max ? max + 1 + (b % 1000) : 200_000 + b;
                obj[prop.Name] = new string('x', length);
                description = $"{prop.Name} of {length} characters";
                body = Utf8(skeleton);
                break;
            case "oversized-array" when Pick(p => TypeOf(p.Value) == "array") is { } prop && skeleton is JObject obj:
                var count = prop.Value.Value<int?>("maxItems") is { } maxItems ? maxItems + 1 : 100_000;
                var item = prop.Value["items"] is { } items ? Skeleton(items, 1) : new JValue(1);
                obj[prop.Name] = new JArray(Enumerable.Range(0, count).Select(_ => item.DeepClone()));
                description = $"{prop.Name} with {count} items";
                body = Utf8(skeleton);
                break;
            case "invalid-utf8":
            {
                var target = Pick(p => TypeOf(p.Value) == "string")?.Name ?? "name";
                if (skeleton is JObject o)
                {
                    o[target] = "@@BAD@@";
                }

                var text = Utf8(skeleton is JObject ? skeleton : new JObject { [target] = "@@BAD@@" });
                body = Replace(text, "\"@@BAD@@\"", [(byte)'"', 0x61, 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, (byte)'"']);
                description = $"{target} with invalid UTF-8";
                break;
            }

            case "truncated-json":
            {
                var full = Utf8(skeleton);
                var cut = 1 + (a % Math.Max(1, full.Length - 1));
                body = full[..Math.Min(cut, full.Length - 1)];
                description = $"JSON cut after {body.Length} of {full.Length} bytes";
                break;
            }

            case "deep-nesting":
            {
                var depth = 1_000 + (b % 50_000);
                var target = Pick(_ => true)?.Name ?? "entries";
                var nested = (a % 2 == 0)
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                body = Encoding.UTF8.GetBytes($"{{\"{target}\":{nested}}}");
                description = $"{target} nested {depth} deep";
                break;
            }

            case "bad-gzip":
                body = new byte[16 + (a % 4096)];
                new Random(b).NextBytes(body);
                if (a % 3 == 0)
                {
                    body[0] = 0x1f; // a gzip magic number, then garbage
                    body[1] = 0x8b;
                }

                encoding = "gzip";
                description = $"Content-Encoding: gzip with {body.Length} bytes of garbage";
                break;
            case "huge-number":
            {
                var target = Pick(p => TypeOf(p.Value) is "integer" or "number")?.Name ?? Pick(_ => true)?.Name ?? "limit";
                if (skeleton is JObject o)
                {
                    o[target] = "@@NUM@@";
                }

                var number = (b % 4) switch { 0 => "1e400", 1 => "123456789012345678901234567890123", 2 => "-1e400", _ => "9223372036854775808" };
                body = Replace(Utf8(skeleton is JObject ? skeleton : new JObject { [target] = "@@NUM@@" }), "\"@@NUM@@\"", Encoding.ASCII.GetBytes(number));
                description = $"{target} = {number}";
                break;
            }

            default:
                // The kind does not fit this body (no such property): cut the JSON instead.
                return Build(op, "truncated-json", a, b, url) with { Kind = "truncated-json" };
        }

        return new MalformedRequest(kind, op, op.Method, url, body, contentType, encoding, true, description);
    }

    private static JToken WrongValue(string type, int choice)
    {
        JToken[] options = type switch
        {
            "string" => [12345, true, new JArray(1, 2), new JObject { ["a"] = 1 }],
            "integer" or "number" => ["abc", true, new JArray(), new JObject(), 1.5e300],
            "boolean" => ["yes", 2, new JArray(), new JObject()],
            "array" => ["x", 1, new JObject { ["a"] = 1 }],
            _ => ["x", 1, new JArray()],
        };
        return options[choice % options.Length];
    }

    private static byte[] Utf8(JToken token) => Encoding.UTF8.GetBytes(token.ToString(Formatting.None));

    private static byte[] Replace(byte[] text, string marker, byte[] with)
    {
        var m = Encoding.UTF8.GetBytes(marker);
        var at = text.AsSpan().IndexOf(m);
        return at < 0 ? text : [.. text[..at], .. with, .. text[(at + m.Length)..]];
    }
}
