using System.Xml;

namespace CatalogHub.SupplierSimulator.Soap;

/// <summary>
/// Writes a response body: service-namespace elements with the <c>ns</c> prefix, SharedObjects elements
/// unprefixed (the response root declares SharedObjects as the default namespace), as promostandards.md shows.
/// </summary>
public sealed class SoapWriter(XmlWriter xml, SoapService service)
{
    public XmlWriter Xml { get; } = xml;

    /// <summary>Opens a service-namespace element (<c>ns:Name</c>).</summary>
    public Task Open(string name) => Xml.WriteStartElementAsync("ns", name, service.Namespace);

    /// <summary>Opens a SharedObjects element.</summary>
    public Task OpenShared(string name) => Xml.WriteStartElementAsync(null, name, service.SharedNamespace);

    public Task Close() => Xml.WriteEndElementAsync();

    /// <summary>A service-namespace element with text; nothing when <paramref name="value"/> is null.</summary>
    public Task Value(string name, string? value) =>
        value is null ? Task.CompletedTask : Xml.WriteElementStringAsync("ns", name, service.Namespace, value);

    /// <summary>A SharedObjects element with text; nothing when <paramref name="value"/> is null.</summary>
    public Task Shared(string name, string? value) =>
        value is null ? Task.CompletedTask : Xml.WriteElementStringAsync(null, name, service.SharedNamespace, value);

    /// <summary>A nillable SharedObjects element written as <c>xsi:nil="true"</c>.</summary>
    public async Task SharedNil(string name)
    {
        await OpenShared(name);
        await Xml.WriteAttributeStringAsync("xsi", "nil", PsNamespaces.Xsi, "true");
        await Close();
    }

    /// <summary>A nillable service-namespace element written as <c>xsi:nil="true"</c>.</summary>
    public async Task Nil(string name)
    {
        await Open(name);
        await Xml.WriteAttributeStringAsync("xsi", "nil", PsNamespaces.Xsi, "true");
        await Close();
    }
}
