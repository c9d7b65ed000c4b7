using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace CatalogHub.Api.Products;

/// <summary>
/// The query string of <c>GET /api/products</c> exactly as sent: every value is bound as a string and parsed
/// by <see cref="ProductListQuery"/>, so a malformed value is a 422 naming its field, not the framework's 400.
/// </summary>
public sealed class ProductListParameters
{
    [FromQuery(Name = "supplier_id"), Description("Only products of this supplier (UUID).")]
    public string? SupplierId { get; init; }

    [FromQuery(Name = "category_id"), Description("Only products of this category and all its descendants (UUID).")]
    public string? CategoryId { get; init; }

    [FromQuery(Name = "customer_id"), Description("Only products pushed to this customer (a push-log entry exists) (UUID).")]
    public string? CustomerId { get; init; }

    [FromQuery(Name = "brand"), Description("Exact brand.")]
    public string? Brand { get; init; }

    [FromQuery(Name = "q"), Description("Case-insensitive substring of product_name, supplier_sku or brand (within one field).")]
    public string? Q { get; init; }

    [FromQuery(Name = "archived"), Description("false (default): active products only; true: archived products only.")]
    public string? Archived { get; init; }

    [FromQuery(Name = "store_number"), Description("Only products of this store's catalog.")]
    public string? StoreNumber { get; init; }

    [FromQuery(Name = "discontinued"), Description("true: only discontinued products; false: only products not discontinued.")]
    public string? Discontinued { get; init; }

    [FromQuery(Name = "skip"), Description("Products to skip (default 0).")]
    public string? Skip { get; init; }

    [FromQuery(Name = "limit"), Description("Products to return (default 50; more than 1000 returns 1000).")]
    public string? Limit { get; init; }
}
