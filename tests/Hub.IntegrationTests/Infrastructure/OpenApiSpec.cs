using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;
using YamlJson = CatalogHub.IntegrationTests.Hosting.YamlJson;

namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>
/// An OpenAPI 3.1 document, read to validate JSON against its schemas: a named component schema
/// (<c>#/components/schemas/…</c>) or the response schema an operation declares for a status code (through
/// <c>#/components/responses/…</c>), and to hand out its request examples.
/// </summary>
/// <remarks>
/// The schemas are JSON Schema 2020-12; NJsonSchema (draft 4–7) evaluates them. That is exact for the keywords
/// the contract uses, which <see cref="SupportedKeywords"/> lists: a schema with any other keyword is refused, so
/// a new spec cannot be validated with silently different semantics. Two differences are bridged:
/// <list type="bullet">
/// <item>A type that allows <c>null</c> with an <c>enum</c> that does not list it (<c>action</c>): 2020-12 refuses
/// <c>null</c> (the value must be in the enum); NJsonSchema lets a nullable type skip the enum. Dropping
/// <c>null</c> from such a type means the same in 2020-12 and makes NJsonSchema refuse it too.</item>
/// <item><c>format</c> is an annotation in 2020-12. Only the two formats whose check is simple and certain are
/// asserted: <c>uri</c> (an absolute URI: a scheme, then no whitespace) and <c>date-time</c> (RFC 3339).
/// <c>int64</c>, <c>double</c> and any other format are not checked.</item>
/// </list>
/// Numbers are compared as JSON numbers: <c>type: integer</c> refuses <c>1.0</c> (2020-12 would accept it); the hub
/// writes integers without a fraction, so this only makes the check stricter.
/// </remarks>
public sealed partial class OpenApiSpec
{
    private const string SchemasPrefix = "#/components/schemas/";
    private const string ResponsesPrefix = "#/components/responses/";
    private const string JsonMediaType = "application/json";

    /// <summary>Every schema keyword the validation handles (annotations included).</summary>
    public static readonly IReadOnlySet<string> SupportedKeywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "$ref", "type", "enum", "properties", "required", "additionalProperties", "items", "allOf",
        "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern", "format",
        "description", "title", "examples", "default",
    };

    private static readonly Lazy<OpenApiSpec> ShopifyBridgeLazy = new(() => Load("shopify-bridge-openapi.yaml"));

    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly JObject _definitions;

    private OpenApiSpec(JObject document)
    {
        Document = document;
        var schemas = (JObject?)document.SelectToken("components.schemas") ?? [];
        _definitions = new JObject(schemas.Properties().Select(p => new JProperty(p.Name, Normalize(p.Value, $"{SchemasPrefix}{p.Name}"))));
    }

    /// <summary>
    /// Seed 002's ingestion contract (<c>docs/spec/shopify-bridge-openapi.yaml</c>, embedded in the test assembly so
    /// the tests need no file beside the repository).
    /// </summary>
    public static OpenApiSpec ShopifyBridge => ShopifyBridgeLazy.Value;

    /// <summary>The document as JSON (YAML 1.2 core schema scalars).</summary>
    public JObject Document { get; }

    public static OpenApiSpec Parse(string yaml) =>
        new(YamlJson.Parse(yaml) as JObject ?? throw new InvalidDataException("An OpenAPI document is a mapping."));

    private static OpenApiSpec Load(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing (see Hub.IntegrationTests.csproj).");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>The operation (by <c>operationId</c>) with its method and path template.</summary>
    public (string Method, string Path, JObject Operation) Operation(string operationId) =>
        Operations().SingleOrDefault(o => (string?)o.Operation["operationId"] == operationId) is { Operation: not null } found
            ? found
            : throw new KeyNotFoundException($"No operation {operationId} in the spec.");

    /// <summary>Every operation of the document: method (lower case), path template, operation object.</summary>
    public IEnumerable<(string Method, string Path, JObject Operation)> Operations()
    {
        foreach (var path in ((JObject?)Document["paths"] ?? []).Properties())
        {
            foreach (var method in ((JObject)path.Value).Properties().Where(m => MethodNames.Contains(m.Name)))
            {
                yield return (method.Name, path.Name, (JObject)method.Value);
            }
        }
    }

    private static readonly HashSet<string> MethodNames = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>
    /// The <c>operationId</c> whose path template matches <paramref name="path"/> (literal segments equal, a
    /// <c>{parameter}</c> any non-empty segment; the template with most literal segments wins), or null.
    /// </summary>
    public string? FindOperationId(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        return Operations()
            .Where(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase))
            .Select(o => (o.Operation, Template: o.Path.Trim('/').Split('/')))
            .Where(o => o.Template.Length == segments.Length && o.Template.Zip(segments).All(s => IsParameter(s.First) ? s.Second.Length > 0 : s.First == s.Second))
            .OrderByDescending(o => o.Template.Count(s => !IsParameter(s)))
            .Select(o => (string?)o.Operation["operationId"])
            .FirstOrDefault();

        static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
    }

    /// <summary>The status codes an operation documents (<c>"200"</c>, <c>"4XX"</c>, <c>"default"</c>…).</summary>
    public IReadOnlyList<string> ResponseStatuses(string operationId) =>
        [.. ((JObject?)Operation(operationId).Operation["responses"] ?? []).Properties().Select(p => p.Name)];

    /// <summary>
    /// The JSON response schema an operation declares for <paramref name="status"/> (an exact code, else its
    /// <c>NXX</c> range, else <c>default</c>), with <c>#/components/responses/…</c> resolved; null when the
    /// response has no JSON content. Throws when the status is not documented.
    /// </summary>
    public JToken? ResponseSchema(string operationId, int status)
    {
        var responses = (JObject?)Operation(operationId).Operation["responses"] ?? [];
        var code = status.ToString(CultureInfo.InvariantCulture);
        var response = responses[code] ?? responses[$"{code[0]}XX"] ?? responses["default"]
            ?? throw new KeyNotFoundException($"{operationId} documents no {status} response (it documents {string.Join(", ", ResponseStatuses(operationId))}).");
        response = Resolve(response, ResponsesPrefix, "components.responses");
        return response.SelectToken("content")?[JsonMediaType]?["schema"];
    }

    /// <summary>The value of a named request-body example of an operation (<c>requestBody.content.application/json.examples</c>).</summary>
    public JToken RequestExample(string operationId, string example) =>
        Operation(operationId).Operation.SelectToken("requestBody.content")?[JsonMediaType]?["examples"]?[example]?["value"]?.DeepClone()
            ?? throw new KeyNotFoundException($"{operationId} has no request example {example}.");

    /// <summary>The named examples of an operation's response for <paramref name="status"/> (its media type's <c>examples</c>).</summary>
    public IReadOnlyDictionary<string, JToken> ResponseExamples(string operationId, string status)
    {
        var response = Operation(operationId).Operation["responses"]?[status] ?? throw new KeyNotFoundException($"{operationId} documents no {status} response.");
        var examples = (JObject?)Resolve(response, ResponsesPrefix, "components.responses").SelectToken("content")?[JsonMediaType]?["examples"] ?? [];
        return examples.Properties().ToDictionary(p => p.Name, p => p.Value["value"]!, StringComparer.Ordinal);
    }

    /// <summary>Problems of <paramref name="json"/> against the component schema <paramref name="schemaName"/> (empty: valid).</summary>
    public IReadOnlyList<string> ValidateSchema(string schemaName, string json) =>
        Validate(SchemaFor(new JObject { ["$ref"] = SchemasPrefix + schemaName }, $"schema:{schemaName}"), json);

    /// <summary>
    /// Problems of <paramref name="json"/> against the response schema <paramref name="operationId"/> declares for
    /// <paramref name="status"/> (empty: valid). A response without JSON content must have an empty body.
    /// </summary>
    public IReadOnlyList<string> ValidateResponse(string operationId, int status, string json)
    {
        var schema = ResponseSchema(operationId, status);
        if (schema is null)
        {
            return json.Length == 0 ? [] : [$"{operationId} {status} declares no JSON content, but the body is {json}"];
        }

        return Validate(SchemaFor(schema, $"response:{operationId}:{status}"), json);
    }

    private JsonSchema SchemaFor(JToken schema, string key) => _schemas.GetOrAdd(key, _ =>
    {
        // One document per schema: the component schemas under draft 7's definitions, refs rewritten to them. A
        // root that is only a $ref is replaced by the schema it names: NJsonSchema fails to resolve some root refs.
        var body = Normalize(schema, key);
        while (body is JObject { Count: 1 } only && only["$ref"] is JValue { Value: string reference })
        {
            body = _definitions[reference["#/definitions/".Length..]] ?? throw new KeyNotFoundException($"{key}: $ref {reference} names nothing.");
        }

        var root = new JObject { ["definitions"] = _definitions.DeepClone() };
        root.Merge(body.DeepClone());
        return JsonSchema.FromJsonAsync(root.ToString(Formatting.None)).GetAwaiter().GetResult();
    });

    private static List<string> Validate(JsonSchema schema, string json)
    {
        JToken instance;
        try
        {
            // Strings stay strings (no DateTime guessing, so date-time sees the text sent); numbers keep their digits.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            instance = JToken.ReadFrom(reader);
            if (reader.Read())
            {
                return ["the body has more than one JSON value"];
            }
        }
        catch (JsonReaderException e)
        {
            return [$"not JSON: {e.Message}"];
        }

        var validator = new JsonSchemaValidator(new JsonSchemaValidatorSettings { FormatValidators = [new UriFormat(), new DateTimeFormat()] });
        return [.. validator.Validate(instance, schema, SchemaType.JsonSchema).SelectMany(e => Describe(e, ""))];
    }

    private static IEnumerable<string> Describe(ValidationError error, string indent)
    {
        var value = error.Token?.ToString(Formatting.None);
        yield return $"{indent}{error.Kind} at {error.Path}{(value is null ? "" : $" (value: {Shorten(value)})")}";
        if (error is ChildSchemaValidationError child)
        {
            foreach (var line in child.Errors.Values.SelectMany(errors => errors).SelectMany(e => Describe(e, indent + "  ")))
            {
                yield return line;
            }
        }

        static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
    }

    private JToken Resolve(JToken node, string prefix, string section)
    {
        for (var depth = 0; node is JObject o && o["$ref"] is JValue { Value: string reference }; depth++)
        {
            if (!reference.StartsWith(prefix, StringComparison.Ordinal) || depth > 8)
            {
                throw new NotSupportedException($"Unsupported $ref {reference} (only {prefix}…).");
            }

            node = Document.SelectToken(section)?[reference[prefix.Length..]] ?? throw new KeyNotFoundException($"$ref {reference} names nothing.");
        }

        return node;
    }

    /// <summary>
    /// A copy of a schema for NJsonSchema: <c>#/components/schemas/X</c> refs become <c>#/definitions/X</c>, a null
    /// the enum refuses is dropped from the type, and a keyword outside <see cref="SupportedKeywords"/> throws.
    /// </summary>
    private static JToken Normalize(JToken schema, string at)
    {
        if (schema is JValue { Type: JTokenType.Boolean })
        {
            return schema.DeepClone();
        }

        if (schema is not JObject source)
        {
            throw new InvalidDataException($"{at}: a schema is an object or a boolean.");
        }

        var copy = new JObject();
        foreach (var (keyword, value) in source)
        {
            if (!SupportedKeywords.Contains(keyword))
            {
                throw new NotSupportedException($"{at}: schema keyword '{keyword}' is not validated by OpenApiSpec; add it there (and check NJsonSchema's semantics for it).");
            }

            copy[keyword] = keyword switch
            {
                "$ref" => value is JValue { Value: string r } && r.StartsWith(SchemasPrefix, StringComparison.Ordinal)
                    ? "#/definitions/" + r[SchemasPrefix.Length..]
                    : throw new NotSupportedException($"{at}: unsupported $ref {value} (only {SchemasPrefix}…)."),
                "properties" => new JObject(((JObject)value!).Properties().Select(p => new JProperty(p.Name, Normalize(p.Value, $"{at}/properties/{p.Name}")))),
                "items" or "additionalProperties" => Normalize(value!, $"{at}/{keyword}"),
                "allOf" => new JArray(((JArray)value!).Select((s, i) => Normalize(s, $"{at}/allOf/{i}"))),
                _ => value!.DeepClone(),
            };
        }

        if (copy["type"] is JArray types && copy["enum"] is JArray values
            && types.Any(t => (string?)t == "null") && values.All(v => v.Type != JTokenType.Null))
        {
            var kept = types.Where(t => (string?)t != "null").ToList();
            copy["type"] = kept.Count == 1 ? kept[0].DeepClone() : new JArray(kept.Select(t => t.DeepClone()));
        }

        return copy;
    }

    /// <summary><c>format: uri</c>: an absolute URI (RFC 3986 scheme, then no whitespace). A path alone is not one.</summary>
    private sealed partial class UriFormat : IFormatValidator
    {
        public string Format => "uri";

        public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.UriExpected;

        public bool IsValid(string value, JTokenType tokenType) =>
            AbsoluteUri().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _);

        [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")]
        private static partial Regex AbsoluteUri();
    }

    /// <summary><c>format: date-time</c>: RFC 3339 (<c>2025-01-06T10:30:00Z</c>, fractions and offsets allowed).</summary>
    private sealed partial class DateTimeFormat : IFormatValidator
    {
        public string Format => "date-time";

        public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.DateTimeExpected;

        public bool IsValid(string value, JTokenType tokenType) =>
            Rfc3339().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

        [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
        private static partial Regex Rfc3339();
    }
}
