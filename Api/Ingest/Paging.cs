using CatalogHub.Api.Problems;
using System.Globalization;

namespace CatalogHub.Api.Ingest;

/// <summary>limit (1–1000, default 100) and offset (≥ 0, default 0) of the ingestion API's pages.</summary>
public sealed record Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The page; problems are added to <paramref name="errors"/> (then the page is the default one).</summary>
    public static Paging Parse(string? limit, string? offset, out List<FieldError> errors)
    {
        errors = [];
        var l = DefaultLimit;
        var o = 0;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l) || l is < 1 or > MaxLimit))
        {
            errors.Add(new FieldError("limit", $"must be an integer from 1 to {MaxLimit}"));
            l = DefaultLimit;
        }

        if (offset is not null && (!int.TryParse(offset, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out o) || o < 0))
        {
            errors.Add(new FieldError("offset", "must be an integer of at least 0"));
            o = 0;
        }

        return new Paging(l, o);
    }
}
