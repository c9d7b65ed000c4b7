using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Api.Products;

/// <summary>
/// The SQL of one product list query: a page in a stable order and the total count under the same filter.
/// Every filter is a plain predicate on <c>products</c> that an index of migration 0005 serves; the
/// category subtree arrives already resolved to category ids (<see cref="ProductReader"/>), so the planner
/// sees the real ids and estimates the subtree's size. The supplier's name is joined to the page's rows
/// only, after its LIMIT, so the filter's plan is the same as without it.
/// </summary>
public sealed class ProductListSql
{
    /// <summary>
    /// The text <c>q</c> searches: the three fields joined by a unit separator (U+001F), which <c>q</c> may not
    /// contain, so a match never spans two fields. Migration 0005's trigram index is on this exact expression.
    /// </summary>
    public const string SearchText = "(product_name || E'\\x1f' || coalesce(supplier_sku, '') || E'\\x1f' || coalesce(brand, ''))";

    /// <summary>The list's order: by product number (creation order), unique, so pages never overlap or skip.</summary>
    public const string Order = "number";

    public const string Columns = """
        id, supplier_id, supplier_sku, product_name, brand, category, category_id, product_type, image_url,
        ops_product_id, external_catalogue, variant_count, price_min, price_max, total_inventory, archived_at,
        number, store_number, handle, discontinued_at
        """;

    private readonly List<string> _conditions = [];
    private readonly List<(object Value, NpgsqlDbType Type)> _values = [];

    public ProductListSql(ProductListQuery query, IReadOnlyList<Guid>? categoryIds)
    {
        _conditions.Add(query.Archived ? "archived_at IS NOT NULL" : "archived_at IS NULL");
        if (query.SupplierId is { } supplier)
        {
            _conditions.Add($"supplier_id = {Value(supplier, NpgsqlDbType.Uuid)}");
        }

        if (categoryIds is not null)
        {
            _conditions.Add($"category_id = ANY ({Value(categoryIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid)})");
        }

        if (query.CustomerId is { } customer)
        {
            _conditions.Add($"id IN (SELECT product_id FROM product_push_log WHERE customer_id = {Value(customer, NpgsqlDbType.Uuid)})");
        }

        if (query.Brand is { } brand)
        {
            _conditions.Add($"brand = {Value(brand, NpgsqlDbType.Text)}");
        }

        if (query.StoreNumber is { } store)
        {
            _conditions.Add($"store_number = {Value(store, NpgsqlDbType.Text)}");
        }

        if (query.Discontinued is { } discontinued)
        {
            _conditions.Add(discontinued ? "discontinued_at IS NOT NULL" : "discontinued_at IS NULL");
        }

        if (query.QPattern is { } pattern)
        {
            _conditions.Add($"{SearchText} ILIKE {Value(pattern, NpgsqlDbType.Text)}");
        }

        Where = string.Join(" AND ", _conditions);

        // supplier_name is null for store products and for a supplier id without a suppliers row
        // (products.supplier_id has no foreign key: a product may arrive before or outlive its supplier).
        Page = $"""
            SELECT page.*, s.name AS supplier_name
            FROM (SELECT {Columns} FROM products WHERE {Where} ORDER BY {Order} LIMIT {query.Limit} OFFSET {query.Skip}) page
                LEFT JOIN suppliers s ON s.id = page.supplier_id
            ORDER BY page.{Order}
            """;
        Count = $"SELECT count(*) FROM products WHERE {Where}";
    }

    public string Where { get; }

    /// <summary>The page: <see cref="Columns"/> and <c>supplier_name</c>, in <see cref="Order"/>.</summary>
    public string Page { get; }

    /// <summary>The total under the same filter.</summary>
    public string Count { get; }

    /// <summary>A batch command for <paramref name="sql"/> with this query's parameters.</summary>
    public NpgsqlBatchCommand Command(string sql)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var (value, type) in _values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
        }

        return cmd;
    }

    private string Value(object value, NpgsqlDbType type)
    {
        _values.Add((value, type));
        return $"${_values.Count}";
    }
}
