using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json.Linq;
using static CatalogHub.IntegrationTests.Reliability.OpenApiSchemas;

namespace CatalogHub.IntegrationTests.Reliability;

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
            kinds.AddRange(MalformedBodies.BodyKinds);
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
                return MalformedBodies.Build(op, kind, a, b, Fill(op));
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

    private static string Short(string value) => value.Length > 40 ? value[..20] + $"…({value.Length} chars)" : value;
}
