using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CatalogHub.IntegrationTests.Reliability;

/// <summary>One operation of an OpenAPI document: its method, path template, parameters and JSON body schema.</summary>
public sealed record ApiOperation(
    string Source, string Method, string Path, IReadOnlyList<(string Name, JToken Schema)> PathParameters,
    IReadOnlyList<(string Name, JToken Schema)> QueryParameters, JToken? BodySchema, string? BodyMediaType, bool BodyRequired)
{
    public override string ToString() => $"{Method} {Path} ({Source})";
}

/// <summary>A malformed request, ready to send, with what it must get.</summary>
/// <param name="MustBeRefused">True when any answer but a 4xx is a bug (a malformed body, a value that is not of its declared type);
/// false when the value may be legal (a string filter holding an SQL fragment) and only &lt; 500, no rows and no injected header count.</param>
public sealed record MalformedRequest(
    string Kind, ApiOperation Operation, string Method, string Url, byte[]? Body, string? ContentType, string? ContentEncoding,
    bool MustBeRefused, string Description);

/// <summary>
/// Malformed requests generated from OpenAPI documents with FsCheck generators: the generator draws the operation,
/// the kind of damage and every choice inside it from one seed, so a seed names a reproducible list of requests.
/// </summary>
public sealed class MalformedRequests(IReadOnlyList<ApiOperation> operations, IReadOnlyDictionary<string, string> pathValues)
{
    public static readonly string[] BodyKinds =
        ["wrong-type", "missing-required", "oversized-string", "oversized-array", "invalid-utf8", "truncated-json", "deep-nesting", "bad-gzip", "huge-number"];

    public static readonly string[] SqlInjections =
    [
        "' OR '1'='1", "1; DROP TABLE products;--", "\" OR 1=1 --", "1 UNION SELECT key_hash FROM api_keys--", "%' OR 1=1 --",
        "$1", "\\", "a\u0000b", "'); DELETE FROM api_keys; --",
    ];

    public static readonly string[] HeaderInjections = ["x\r\nX-Injected: 1", "x%0d%0aX-Injected:%201", "x\nSet-Cookie: injected=1"];

    private static readonly string[] BadIds =
    [
        "-1", "abc", "99999999999999999999999", "0", "1' OR '1'='1", "1;DROP TABLE products--", "%00", "%27%22", new string('9', 300),
        "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "1e400", "00000000-0000-0000-0000-00000000000g", "-00000000-0000-0000-0000-000000000000",
    ];

    private static readonly string[] BadScalars = ["abc", "-1", "99999999999999999999999999", "1e400", "", "true", "null", "[]", "%00", new string('x', 5000)];

    /// <summary>Operations of an OpenAPI document (JSON form), with $refs resolved against it.</summary>
    public static IEnumerable<ApiOperation> OperationsOf(JObject document, string source)
    {
        foreach (var path in ((JObject?)document["paths"] ?? []).Properties())
        {
            var shared = path.Value["parameters"] as JArray ?? [];
            foreach (var op in ((JObject)path.Value).Properties().Where(p => p.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var parameters = shared.Concat(op.Value["parameters"] as JArray ?? []).Select(p => Resolve(document, p)).ToList();
                (string, JToken) Param(JToken p) => (p.Value<string>("name")!, Resolve(document, p["schema"] ?? new JObject()));
                var body = op.Value["requestBody"] is { } rb ? Resolve(document, rb) : null;
                var content = body?["content"] as JObject;
                var media = content?.Properties().FirstOrDefault();
                yield return new ApiOperation(
                    source, op.Name.ToUpperInvariant(), path.Name,
                    [.. parameters.Where(p => p.Value<string>("in") == "path").Select(Param)],
                    [.. parameters.Where(p => p.Value<string>("in") == "query").Select(Param)],
                    media?.Value["schema"] is { } schema ? Resolve(document, schema) : null,
                    media?.Name,
                    body?.Value<bool?>("required") ?? false);
            }
        }
    }

    /// <summary>Follows <c>$ref</c>s (and takes the first branch of oneOf/anyOf, merges allOf).</summary>
    public static JToken Resolve(JObject document, JToken schema, int depth = 0)
    {
        if (depth > 20)
        {
            return new JObject();
        }

        if (schema["$ref"]?.Value<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            var target = reference[2..].Split('/').Aggregate((JToken?)document, (t, part) => t?[part.Replace("~1", "/").Replace("~0", "~")]);
            return target is null ? new JObject() : Resolve(document, target, depth + 1);
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JArray branches && branches.Count > 0)
        {
            var first = branches.FirstOrDefault(b => TypeOf(Resolve(document, b, depth + 1)) != "null") ?? branches[0];
            return Resolve(document, first, depth + 1);
        }

        if (schema["allOf"] is JArray parts)
        {
            var merged = new JObject { ["type"] = "object", ["properties"] = new JObject(), ["required"] = new JArray() };
            foreach (var part in parts.Select(p => Resolve(document, p, depth + 1)))
            {
                foreach (var prop in (part["properties"] as JObject ?? []).Properties())
                {
                    ((JObject)merged["properties"]!)[prop.Name] = prop.Value;
                }

                foreach (var r in part["required"] as JArray ?? [])
                {
                    ((JArray)merged["required"]!).Add(r);
                }
            }

            return merged;
        }

        if (schema is JObject o && o["properties"] is JObject props)
        {
            // Resolve the properties too (the skeleton and the mutations look into them).
            var copy = (JObject)o.DeepClone();
            copy["properties"] = new JObject(props.Properties().Select(p => new JProperty(p.Name, Resolve(document, p.Value, depth + 1))));
            if (o["items"] is { } items)
            {
                copy["items"] = Resolve(document, items, depth + 1);
            }

            return copy;
        }

        if (schema is JObject a && a["items"] is { } arrayItems)
        {
            var copy = (JObject)a.DeepClone();
            copy["items"] = Resolve(document, arrayItems, depth + 1);
            return copy;
        }

        return schema;
    }

    /// <summary>The schema's type, ignoring "null" in a type list.</summary>
    public static string? TypeOf(JToken schema) => schema["type"] switch
    {
        JArray types => types.Select(t => t.Value<string>()).FirstOrDefault(t => t != "null"),
        JValue v => v.Value<string>(),
        _ => schema["properties"] is not null ? "object" : null,
    };

    /// <summary>FsCheck's generator of the cases: which operation, what damage, and the choices inside it.</summary>
    public Gen<MalformedRequest> Generator =>
        from op in Gen.Elements(operations.ToArray())
        from kind in Gen.Elements(KindsFor(op))
        from a in Gen.Choose(0, 1_000_000)
        from b in Gen.Choose(0, 1_000_000)
        select Build(op, kind, a, b);

    /// <summary>Every query parameter of every operation with every SQL and header injection string (enumerated, not drawn).</summary>
    public IEnumerable<MalformedRequest> Injections() =>
        from op in operations
        from p in op.QueryParameters
        from value in SqlInjections.Concat(HeaderInjections)
        select Query(op, p.Name, p.Schema, value, "injection");

    private static string[] KindsFor(ApiOperation op)
    {
        var kinds = new List<string>();
        if (op.BodySchema is not null || op.BodyMediaType is not null)
        {
            kinds.AddRange(BodyKinds);
        }

        if (op.PathParameters.Count > 0)
        {
            kinds.Add("bad-path-id");
        }

        if (op.QueryParameters.Count > 0)
        {
            kinds.Add("bad-query-value");
        }

        return kinds.Count > 0 ? [.. kinds] : ["unknown-query"];
    }

    private MalformedRequest Build(ApiOperation op, string kind, int a, int b)
    {
        switch (kind)
        {
            case "bad-path-id":
            {
                var (name, schema) = op.PathParameters[a % op.PathParameters.Count];
                var value = BadIds[b % BadIds.Length];
                var url = Fill(op, name, value);
                var typed = IsTyped(schema);
                // No body: a valid-looking one could make a legal request of a path value that happens to be legal.
                return new MalformedRequest(kind, op, op.Method, url, null, null, null, typed, $"path {name}={Short(value)}");
            }

            case "bad-query-value":
            {
                var (name, schema) = op.QueryParameters[a % op.QueryParameters.Count];
                return Query(op, name, schema, BadScalars[b % BadScalars.Length], kind);
            }

            case "unknown-query":
                return new MalformedRequest(kind, op, op.Method, Fill(op) + "?" + Uri.EscapeDataString(SqlInjections[a % SqlInjections.Length]) + "=1",
                    null, null, null, false, "unknown query parameter");

            default:
                return BuildBody(op, kind, a, b);
        }
    }

    private MalformedRequest Query(ApiOperation op, string name, JToken schema, string value, string kind)
    {
        var typed = IsTyped(schema) && !Conforms(schema, value);
        var url = $"{Fill(op)}?{Uri.EscapeDataString(name)}={EscapeQuery(value)}";
        // No body: a legal filter value on a write must not become a legal write.
        return new MalformedRequest(kind, op, op.Method, url, null, null, null, typed, $"query {name}={Short(value)}");
    }

    /// <summary>Escapes a query value, except a value that is already percent-encoded (sent as written, to be decoded by the server).</summary>
    private static string EscapeQuery(string value) => value.Contains('%') && !value.Contains('\'') ? value : Uri.EscapeDataString(value);

    private MalformedRequest BuildBody(ApiOperation op, string kind, int a, int b)
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
                return BuildBody(op, "truncated-json", a, b) with { Kind = "truncated-json" };
        }

        return new MalformedRequest(kind, op, op.Method, Fill(op), body, contentType, encoding, true, description);
    }

    /// <summary>The path with every parameter filled with a usable value, except <paramref name="bad"/>.</summary>
    private string Fill(ApiOperation op, string? bad = null, string? value = null)
    {
        var path = op.Path;
        foreach (var (name, _) in op.PathParameters)
        {
            var v = name == bad ? value! : pathValues.TryGetValue(name, out var known) ? known : Guid.NewGuid().ToString();
            path = path.Replace("{" + name + "}", name == bad ? v : Uri.EscapeDataString(v), StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>A value of the schema's shape: required properties only, placeholder values.</summary>
    public static JToken Skeleton(JToken schema, int depth)
    {
        if (schema["enum"] is JArray values && values.Count > 0)
        {
            return values[0].DeepClone();
        }

        switch (TypeOf(schema))
        {
            case "object" when depth < 5:
                var o = new JObject();
                var props = schema["properties"] as JObject ?? [];
                foreach (var r in (schema["required"] as JArray ?? []).Select(r => r.Value<string>()!))
                {
                    o[r] = props[r] is { } p ? Skeleton(p, depth + 1) : "x";
                }

                return o;
            case "array":
                var min = schema.Value<int?>("minItems") ?? 0;
                return new JArray(Enumerable.Range(0, min).Select(_ => Skeleton(schema["items"] ?? new JObject(), depth + 1)));
            case "string":
                return schema.Value<string>("format") switch
                {
                    "uuid" => Guid.Empty.ToString(),
                    "date-time" => "2024-01-01T00:00:00Z",
                    "uri" => "http://127.0.0.1/x",
                    _ => "x",
                };
            case "integer":
            case "number":
                return schema.Value<long?>("minimum") ?? 1;
            case "boolean":
                return true;
            default:
                return new JObject();
        }
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

    /// <summary>Path and query values whose schema is a number, boolean or UUID: anything else is malformed.</summary>
    private static bool IsTyped(JToken schema) =>
        TypeOf(schema) is "integer" or "number" or "boolean" || schema.Value<string>("format") == "uuid";

    private static bool Conforms(JToken schema, string value) => TypeOf(schema) switch
    {
        "integer" => long.TryParse(value, out _),
        "number" => double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
        "boolean" => value is "true" or "false",
        _ => schema.Value<string>("format") != "uuid" || Guid.TryParse(value, out _),
    };

    private static byte[] Utf8(JToken token) => Encoding.UTF8.GetBytes(token.ToString(Formatting.None));

    private static byte[] Replace(byte[] text, string marker, byte[] with)
    {
        var m = Encoding.UTF8.GetBytes(marker);
        var at = text.AsSpan().IndexOf(m);
        return at < 0 ? text : [.. text[..at], .. with, .. text[(at + m.Length)..]];
    }

    private static string Short(string value) => value.Length > 40 ? value[..20] + $"…({value.Length} chars)" : value;
}
