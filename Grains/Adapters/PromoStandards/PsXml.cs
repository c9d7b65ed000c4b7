using System.Globalization;
using System.Xml.Linq;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// Tolerant reading of reply elements: matched by local name whatever their namespace (suppliers deviate),
/// unknown elements ignored, <c>xsi:nil</c>, empty and absent all read as null. Values that do not parse are
/// a <see cref="SupplierRejectedException"/> naming the field.
/// </summary>
public static class PsXml
{
    private static readonly XName Nil = XName.Get("nil", PsNamespaces.Xsi);

    public static XElement? Child(this XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Children(this XElement? parent, string localName) =>
        parent?.Elements().Where(e => e.Name.LocalName == localName) ?? [];

    /// <summary>The elements <c>parent/array/item</c>.</summary>
    public static IEnumerable<XElement> Items(this XElement? parent, string array, string item) => parent.Child(array).Children(item);

    /// <summary>Trimmed text; null when absent, nil or empty.</summary>
    public static string? Text(this XElement? element)
    {
        if (element is null || (string?)element.Attribute(Nil) is "true" or "1")
        {
            return null;
        }

        var value = element.Value.Trim();
        return value.Length == 0 ? null : value;
    }

    public static string? ChildText(this XElement? parent, string localName) => parent.Child(localName).Text();

    public static decimal? Decimal(this XElement? parent, string localName, string operation) =>
        parent.ChildText(localName) is { } text
            ? decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : throw Malformed(operation, localName, text)
            : null;

    public static int? Int(this XElement? parent, string localName, string operation) =>
        parent.ChildText(localName) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Malformed(operation, localName, text)
            : null;

    public static bool? Bool(this XElement? parent, string localName, string operation) => parent.ChildText(localName) switch
    {
        null => null,
        "true" or "1" => true,
        "false" or "0" => false,
        var text => throw Malformed(operation, localName, text),
    };

    private static SupplierRejectedException Malformed(string operation, string field, string value) =>
        new($"{operation}: malformed reply: {field} '{Shorten(value)}' is not a valid value");

    /// <summary>At most 64 characters of supplier text in a message.</summary>
    public static string Shorten(string value, int max = 64) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max), "…");
}
