using Newtonsoft.Json.Linq;

namespace CatalogHub.IntegrationTests.Reliability;

/// <summary>One operation of an OpenAPI document: its method, path template, parameters and JSON body schema.</summary>
public sealed record ApiOperation(
    string Source, string Method, string Path, IReadOnlyList<(string Name, JToken Schema)> PathParameters,
    IReadOnlyList<(string Name, JToken Schema)> QueryParameters, JToken? BodySchema, string? BodyMediaType, bool BodyRequired)
{
    public override string ToString() => $"{Method} {Path} ({Source})";
}

/// <summary>Reads OpenAPI documents (JSON form): their operations, their schemas with $refs resolved, values of a schema's shape.</summary>
public static class OpenApiSchemas
{
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

    /// <summary>Path and query values whose schema is a number, boolean or UUID: anything else is malformed.</summary>
    public static bool IsTyped(JToken schema) =>
        TypeOf(schema) is "integer" or "number" or "boolean" || schema.Value<string>("format") == "uuid";

    public static bool Conforms(JToken schema, string value) => TypeOf(schema) switch
    {
        "integer" => long.TryParse(value, out _),
        "number" => double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
        "boolean" => value is "true" or "false",
        _ => schema.Value<string>("format") != "uuid" || Guid.TryParse(value, out _),
    };
}
