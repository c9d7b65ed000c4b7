namespace CatalogHub.SupplierSimulator.Soap;

/// <summary>How a service reports errors inside its normal response (promostandards.md §3).</summary>
public enum ErrorStyle
{
    /// <summary>Product Data 2.0.0 and Inventory 2.0.0: <c>ServiceMessageArray/ServiceMessage</c> with a severity.</summary>
    ServiceMessageArray,

    /// <summary>Pricing and Configuration 1.0.0: one <c>ErrorMessage</c>.</summary>
    ErrorMessage,

    /// <summary>Media Content 1.1.0: one <c>errorMessage</c> (lower-case e).</summary>
    LowerCaseErrorMessage,
}

/// <summary>One request child of an operation, in schema order.</summary>
/// <param name="Name">Local name.</param>
/// <param name="Required">Whether the schema (or, for password, practice) requires it.</param>
/// <param name="InServiceNamespace">True for the rare child declared inline (Media's classType); otherwise SharedObjects.</param>
public sealed record FieldSpec(string Name, bool Required, bool InServiceNamespace = false);

/// <summary>One operation: request and response element names, request children in order, the handler.</summary>
public sealed record SoapOperation(string RequestName, string ResponseName, IReadOnlyList<FieldSpec> Fields, Func<SoapCall, SoapReply> Handle);

/// <summary>A PromoStandards service served at one path.</summary>
public sealed record SoapService(
    string Path,
    string Namespace,
    string WsVersion,
    ErrorStyle Errors,
    IReadOnlyList<SoapOperation> Operations)
{
    public string SharedNamespace => Namespace + "SharedObjects/";

    public SoapOperation? Operation(string requestName) => Operations.FirstOrDefault(o => o.RequestName == requestName);

    /// <summary>The first children every request starts with.</summary>
    public static FieldSpec[] Credentials(params FieldSpec[] rest) =>
        [new("wsVersion", true), new("id", true), new("password", true), .. rest];
}

/// <summary>The namespaces of the four services (promostandards.md §1); Media stays 1.0.0 in its URI.</summary>
public static class PsNamespaces
{
    public const string Envelope = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string ProductData = "http://www.promostandards.org/WSDL/ProductDataService/2.0.0/";
    public const string Pricing = "http://www.promostandards.org/WSDL/PricingAndConfiguration/1.0.0/";
    public const string Media = "http://www.promostandards.org/WSDL/MediaService/1.0.0/";
    public const string Inventory = "http://www.promostandards.org/WSDL/Inventory/2.0.0/";
}
