using System.Net;
using System.Xml.Linq;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// Turns what a supplier says went wrong into the adapter's typed errors (promostandards.md §3):
/// credential codes (100, 104, 105, 110) → <see cref="SupplierAuthException"/>, every other error message →
/// <see cref="SupplierRejectedException"/> with its code; HTTP 5xx/408/429 → <see cref="SupplierTransientException"/>,
/// 401/403 → auth, other 4xx → rejected; SOAP Faults by faultcode (Client → rejected, otherwise transient).
/// Supplier text is cut to 256 characters and never carries the password.
/// </summary>
public static class PsErrors
{
    /// <summary>ID not found, account unauthorized, credentials failed, credentials required.</summary>
    public static readonly IReadOnlySet<string> AuthCodes = new HashSet<string>(["100", "104", "105", "110"], StringComparer.Ordinal);

    /// <summary>The messages of a reply root: ServiceMessageArray (PD, INV), ErrorMessage (PPC), errorMessage (Media).</summary>
    public static IReadOnlyList<PsMessage> Messages(XElement root) =>
    [
        .. root.Items("ServiceMessageArray", "ServiceMessage").Concat(root.Children("ErrorMessage")).Concat(root.Children("errorMessage"))
            .Select(m => new PsMessage(m.ChildText("code"), m.ChildText("description") ?? "", m.ChildText("severity"))),
    ];

    /// <summary>The exception for the error messages among <paramref name="messages"/>; null when there are none.</summary>
    public static SupplierAdapterException? FromMessages(string operation, IEnumerable<PsMessage> messages, PsAccount account)
    {
        var errors = messages.Where(m => m.IsError).ToList();
        if (errors.Count == 0)
        {
            return null;
        }

        var auth = errors.FirstOrDefault(m => m.Code is not null && AuthCodes.Contains(m.Code));
        var error = auth ?? errors[0];
        var text = $"{operation}: {error.Code ?? "no code"} {Clean(error.Description, account)}".TrimEnd();
        return auth is not null ? new SupplierAuthException(text, auth.Code) : new SupplierRejectedException(text, error.Code);
    }

    /// <summary>The exception for a SOAP Fault (in an HTTP 500 or, from some stacks, a 200).</summary>
    public static SupplierAdapterException FromFault(string operation, XElement fault, PsAccount account)
    {
        var faultCode = fault.ChildText("faultcode") ?? fault.Child("Code").ChildText("Value") ?? "";
        var faultString = fault.ChildText("faultstring") ?? fault.Child("Reason").ChildText("Text") ?? "";
        var detailCode = fault.Child("detail")?.Descendants().FirstOrDefault(e => e.Name.LocalName == "code").Text();
        var text = $"{operation}: SOAP Fault {faultCode} {Clean(faultString, account)}".TrimEnd();
        if (detailCode is not null && AuthCodes.Contains(detailCode))
        {
            return new SupplierAuthException(text, detailCode);
        }

        var local = faultCode.Contains(':', StringComparison.Ordinal) ? faultCode[(faultCode.IndexOf(':', StringComparison.Ordinal) + 1)..] : faultCode;
        return local is "Client" or "Sender" or "VersionMismatch" or "MustUnderstand"
            ? new SupplierRejectedException(text, detailCode ?? faultCode)
            : new SupplierTransientException(text, detailCode ?? faultCode);
    }

    /// <summary>The exception for an unsuccessful HTTP status without a SOAP Fault.</summary>
    public static SupplierAdapterException FromStatus(string operation, HttpStatusCode status)
    {
        var code = (int)status;
        var text = $"{operation}: HTTP {code} {status}";
        return code switch
        {
            >= 500 or 408 or 429 => new SupplierTransientException(text, $"http_{code}"),
            401 or 403 => new SupplierAuthException(text, $"http_{code}"),
            _ => new SupplierRejectedException(text, $"http_{code}"),
        };
    }

    public static SupplierRejectedException Malformed(string operation, string problem) => new($"{operation}: malformed reply: {problem}");

    private static string Clean(string text, PsAccount account)
    {
        var clean = account.Redact(text.ReplaceLineEndings(" ").Trim());
        return clean.Length <= 256 ? clean : clean[..256];
    }
}
