using System.Globalization;
using CatalogHub.SupplierSimulator.Catalog;
using CatalogHub.SupplierSimulator.Soap;

namespace CatalogHub.SupplierSimulator.Services.Media;

/// <summary>
/// Media Content 1.1.0 (promostandards.md §6): getMediaContent. Images only: a primary image (classType 1006)
/// and 1–3 images per color, each naming the first part of its color (singlePart false). No match is 160.
/// </summary>
public static class MediaService
{
    private static readonly string[] MediaTypes = ["Image", "Video", "Audio", "Document"];

    public static SoapService Create() => new("/media", PsNamespaces.Media, "1.1.0", ErrorStyle.LowerCaseErrorMessage,
    [
        new("GetMediaContentRequest", "GetMediaContentResponse", SoapService.Credentials(
            new("cultureName", false), new("mediaType", true), new("productId", true), new("partId", false),
            new("classType", false, InServiceNamespace: true)), Handle),
    ]);

    private static SoapReply Handle(SoapCall call)
    {
        var mediaType = call.Text("mediaType");
        if (!MediaTypes.Contains(mediaType))
        {
            return SoapReply.Error(999, "General error: mediaType must be Image, Video, Audio or Document");
        }

        int? classType = null;
        if (call.Text("classType") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return SoapReply.Error(999, "General error: classType must be an integer");
            }

            classType = id;
        }

        var product = call.Catalog.Find(call.Text("productId"));
        if (product is null)
        {
            return SoapReply.Error(130, "Product Id not found");
        }

        var partId = call.Text("partId");
        var part = partId is null ? null : product.Parts.FirstOrDefault(p => p.PartId == partId);
        if (partId is not null && part is null)
        {
            return SoapReply.Error(140, "Part Id not found");
        }

        var images = product.Images
            .Where(i => mediaType == "Image" && (classType is null || i.ClassTypeId == classType))
            .Where(i => part is null || i.Color is null || i.Color == part.Color.Name)
            .ToList();
        return images.Count == 0 ? SoapReply.Error(160, "No results found") : SoapReply.Of(w => Write(w, product, images));
    }

    private static async Task Write(SoapWriter w, SimProduct product, IReadOnlyList<SimImage> images)
    {
        await w.Open("MediaContentArray");
        foreach (var image in images)
        {
            await w.Open("MediaContent");
            await w.Shared("productId", product.ProductId);
            await w.Shared("partId", image.PartId);
            await w.Value("url", image.Url);
            await w.Shared("mediaType", "Image");
            await w.Open("ClassTypeArray");
            await w.Open("ClassType");
            await w.Value("classTypeId", Wire.Number(image.ClassTypeId));
            await w.Value("classTypeName", image.ClassTypeName);
            await w.Close();
            await w.Close();
            await w.Value("color", image.Color);
            await w.Value("singlePart", "false");
            await w.Shared("changeTimeStamp", Wire.Date(product.Modified));
            await w.Close();
        }

        await w.Close();
    }
}
