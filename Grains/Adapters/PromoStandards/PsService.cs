namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>The four PromoStandards services the adapter speaks (promostandards.md §1).</summary>
public enum PsService
{
    ProductData,
    Pricing,
    Media,
    Inventory,
}

/// <summary>Namespaces and <c>wsVersion</c> of each service; every URI ends with '/'; Media's stays 1.0.0.</summary>
public static class PsNamespaces
{
    public const string Envelope = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static string Service(PsService service) => service switch
    {
        PsService.ProductData => "http://www.promostandards.org/WSDL/ProductDataService/2.0.0/",
        PsService.Pricing => "http://www.promostandards.org/WSDL/PricingAndConfiguration/1.0.0/",
        PsService.Media => "http://www.promostandards.org/WSDL/MediaService/1.0.0/",
        PsService.Inventory => "http://www.promostandards.org/WSDL/Inventory/2.0.0/",
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    public static string Shared(PsService service) => Service(service) + "SharedObjects/";

    public static string WsVersion(PsService service) => service switch
    {
        PsService.ProductData => "2.0.0",
        PsService.Pricing => "1.0.0",
        PsService.Media => "1.1.0",
        PsService.Inventory => "2.0.0",
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>The settings key of the service's endpoint (<c>endpoints.product_data</c>, …).</summary>
    public static string SettingsKey(PsService service) => service switch
    {
        PsService.ProductData => "product_data",
        PsService.Pricing => "pricing",
        PsService.Media => "media",
        PsService.Inventory => "inventory",
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };
}
