using System.Xml.Linq;
using CatalogHub.SupplierSimulator.Knobs;

namespace CatalogHub.SupplierSimulator.Soap;

/// <summary>
/// Checks a request like a strict supplier (promostandards.md §8): children in the right namespace and
/// schema order (125), credentials (110 missing, 100 unknown id, 105 wrong password or the auth-failure
/// knob), <c>wsVersion</c> (115), required fields (120). The first failing check answers.
/// </summary>
public static class RequestValidator
{
    /// <summary>The children by local name, or the error to answer with.</summary>
    public static (IReadOnlyDictionary<string, XElement> Fields, SoapReply.Failure? Error) Validate(
        SoapService service, SoapOperation operation, XElement request, SimulatorOptions options, SimulatorKnobs knobs)
    {
        var fields = new Dictionary<string, XElement>(StringComparer.Ordinal);
        if (request.Name.NamespaceName != service.Namespace)
        {
            return (fields, Fail(125, $"Not supported: {operation.RequestName} must be in namespace {service.Namespace}"));
        }

        var next = 0;
        foreach (var child in request.Elements())
        {
            var index = IndexOf(service, operation, child.Name, next);
            if (index < 0)
            {
                var known = IndexOf(service, operation, child.Name, 0) >= 0;
                return (fields, Fail(125, known
                    ? $"Not supported: element {child.Name.LocalName} is out of order or repeated"
                    : $"Not supported: element {{{child.Name.NamespaceName}}}{child.Name.LocalName} is not part of {operation.RequestName}"));
            }

            fields[child.Name.LocalName] = child;
            next = index + 1;
        }

        string? Text(string name) => SoapCall.Text(fields.GetValueOrDefault(name));
        var id = Text("id");
        var password = Text("password");
        if (id is null || password is null)
        {
            return (fields, Fail(110, "Authentication credentials required"));
        }

        if (!string.Equals(id, options.AccountId, StringComparison.Ordinal))
        {
            return (fields, Fail(100, "ID (customerID) not found"));
        }

        if (knobs.AuthFailure || !string.Equals(password, options.Password, StringComparison.Ordinal))
        {
            return (fields, Fail(105, "Authentication credentials failed"));
        }

        var version = Text("wsVersion");
        if (version is not null && version != service.WsVersion)
        {
            return (fields, Fail(115, "wsVersion not found"));
        }

        var missing = operation.Fields.Where(f => f.Required && Text(f.Name) is null).Select(f => f.Name).ToList();
        return missing.Count > 0
            ? (fields, Fail(120, $"Required field(s) missing: {string.Join(", ", missing)}"))
            : (fields, null);
    }

    private static int IndexOf(SoapService service, SoapOperation operation, XName name, int from)
    {
        for (var i = from; i < operation.Fields.Count; i++)
        {
            var field = operation.Fields[i];
            var ns = field.InServiceNamespace ? service.Namespace : service.SharedNamespace;
            if (field.Name == name.LocalName && ns == name.NamespaceName)
            {
                return i;
            }
        }

        return -1;
    }

    private static SoapReply.Failure Fail(int code, string description) => new(code, description);
}
