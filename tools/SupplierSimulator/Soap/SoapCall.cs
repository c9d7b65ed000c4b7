using System.Globalization;
using System.Xml.Linq;
using CatalogHub.SupplierSimulator.Catalog;

namespace CatalogHub.SupplierSimulator.Soap;

/// <summary>A validated request: its children by local name and the catalog to answer from.</summary>
public sealed class SoapCall(SoapService service, IReadOnlyDictionary<string, XElement> fields, CatalogState catalog)
{
    public SoapService Service { get; } = service;

    public CatalogState Catalog { get; } = catalog;

    public XElement? Element(string name) => fields.GetValueOrDefault(name);

    /// <summary>The trimmed text of a child; null when absent, empty or <c>xsi:nil</c>.</summary>
    public string? Text(string name) => Text(Element(name));

    public static string? Text(XElement? element)
    {
        if (element is null || (string?)element.Attribute(XName.Get("nil", PsNamespaces.Xsi)) == "true")
        {
            return null;
        }

        var value = element.Value.Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>The texts of the descendants named <paramref name="item"/> of child <paramref name="child"/>.</summary>
    public IReadOnlyList<string> Texts(string child, string item) =>
        [.. Element(child)?.Descendants(XName.Get(item, Service.SharedNamespace)).Select(Text).OfType<string>() ?? []];
}

/// <summary>What an operation answers: an error element or the response content.</summary>
public abstract record SoapReply
{
    public static SoapReply Error(int code, string description) => new Failure(code, description);

    public static SoapReply Of(Func<SoapWriter, Task> write) => new Content(write);

    public sealed record Failure(int Code, string Description) : SoapReply;

    public sealed record Content(Func<SoapWriter, Task> Write) : SoapReply;
}

/// <summary>Value formats of the wire: invariant numbers, <c>true</c>/<c>false</c>, UTC dates with Z.</summary>
public static class Wire
{
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryBool(string? value, out bool result)
    {
        result = value is "true" or "1";
        return value is "true" or "false" or "1" or "0";
    }

    public static bool TryDate(string? value, out DateTimeOffset result) => DateTimeOffset.TryParse(
        value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result);
}
