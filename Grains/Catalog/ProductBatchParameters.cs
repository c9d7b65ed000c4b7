using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// The parameters of <see cref="ProductBatchSql.Write"/>: one array per product column ($1–$32 and $56, an element per
/// write), one per variant column ($33–$55, an element per variant, linked to its product by id) and the ingestion
/// receipts ($57–$59, an element per entry row).
/// </summary>
internal sealed class ProductBatchParameters
{
    private readonly List<NpgsqlParameter> _products = [];
    private readonly List<NpgsqlParameter> _variants = [];

    private ProductBatchParameters(IReadOnlyList<ProductWrite> writes)
    {
        var variants = writes.Sum(w => w.Content.Product.Variants.Count);
        var contents = writes.Select(w => w.Content).ToArray();
        var products = contents.Select(c => c.Product).ToArray();

        Product(contents.Select(c => c.ProductId).ToArray());                                   // $1
        Product(contents.Select(c => c.Key.Catalog).ToArray());                                 // $2
        Product(contents.Select(c => c.Key.Key).ToArray());                                     // $3
        Product(products.Select(p => p.SupplierId).ToArray(), NpgsqlDbType.Uuid);              // $4
        Product(products.Select(p => p.StoreNumber).ToArray(), NpgsqlDbType.Text);             // $5
        Product(products.Select(p => p.SupplierSku).ToArray(), NpgsqlDbType.Text);             // $6
        Product(products.Select(p => p.ProductName).ToArray(), NpgsqlDbType.Text);             // $7
        Product(products.Select(p => p.Brand).ToArray(), NpgsqlDbType.Text);                   // $8
        Product(products.Select(p => p.Category).ToArray(), NpgsqlDbType.Text);                // $9
        Product(products.Select(p => p.CategoryId).ToArray(), NpgsqlDbType.Uuid);              // $10
        Product(products.Select(p => p.Description).ToArray(), NpgsqlDbType.Text);             // $11
        Product(products.Select(p => p.ProductType == ProductType.Print ? "print" : "apparel").ToArray(), NpgsqlDbType.Text); // $12
        Product(products.Select(p => p.ImageUrl).ToArray(), NpgsqlDbType.Text);                // $13
        Product(products.Select(p => p.OpsProductId).ToArray(), NpgsqlDbType.Text);            // $14
        Product(products.Select(p => p.ExternalCatalogue).ToArray(), NpgsqlDbType.Text);       // $15
        Product(products.Select(p => p.Handle).ToArray(), NpgsqlDbType.Text);                  // $16
        Product(products.Select(p => JsonSerializer.Serialize(p.Tags, ProductContent.Json)).ToArray(), NpgsqlDbType.Jsonb); // $17
        Product(products.Select(p => ProductContent.ToJson(p.Metafields)).ToArray(), NpgsqlDbType.Jsonb); // $18
        Product(contents.Select(c => c.DetailsJson()).ToArray(), NpgsqlDbType.Jsonb);           // $19
        Product(contents.Select(c => c.VariantCount).ToArray());                                // $20
        Product(contents.Select(c => c.PriceMin).ToArray(), NpgsqlDbType.Numeric);              // $21
        Product(contents.Select(c => c.PriceMax).ToArray(), NpgsqlDbType.Numeric);              // $22
        Product(contents.Select(c => c.TotalInventory).ToArray());                              // $23
        Product(writes.Select(w => w.Source.Kind == ChangeSources.Sync ? w.At : (DateTimeOffset?)null).ToArray(), NpgsqlDbType.TimestampTz); // $24
        Product(products.Select(p => p.DiscontinuedAt).ToArray(), NpgsqlDbType.TimestampTz);   // $25
        Product(contents.Select(c => Convert.FromHexString(c.Hash)).ToArray());                 // $26
        Product(writes.Select(w => w.ExpectedVersion).ToArray(), NpgsqlDbType.Integer);         // $27
        Product(writes.Select(w => NameBasedGuid.ProductEvent(w.Content.ProductId, (w.ExpectedVersion ?? 0) + 1)).ToArray()); // $28
        Product(writes.Select(w => w.ExpectedVersion is null ? "product.created" : "product.updated").ToArray()); // $29
        Product(writes.Select(w => w.Source.Kind).ToArray());                                   // $30
        Product(writes.Select(w => w.Source.Reference).ToArray(), NpgsqlDbType.Text);           // $31
        Product(writes.Select(w => w.At).ToArray());                                            // $32

        var all = new (Guid ProductId, int Position, CanonicalVariant Variant)[variants];
        var n = 0;
        foreach (var c in contents)
        {
            var position = 0;
            foreach (var v in c.Product.Variants)
            {
                all[n++] = (c.ProductId, position++, v);
            }
        }

        Variant(all.Select(x => x.ProductId).ToArray());                                        // $33
        Variant(all.Select(x => NameBasedGuid.Variant(x.ProductId, x.Variant.Sku)).ToArray()); // $34
        Variant(all.Select(x => x.Variant.Sku).ToArray(), NpgsqlDbType.Text);                   // $35
        Variant(all.Select(x => x.Position).ToArray());                                         // $36
        Variant(all.Select(x => x.Variant.Color).ToArray(), NpgsqlDbType.Text);                 // $37
        Variant(all.Select(x => x.Variant.Size).ToArray(), NpgsqlDbType.Text);                  // $38
        for (var i = 0; i < 3; i++)                                                             // $39–$44
        {
            var o = i;
            Variant(all.Select(x => x.Variant.OptionValues.ElementAtOrDefault(o)?.Name).ToArray(), NpgsqlDbType.Text);
            Variant(all.Select(x => x.Variant.OptionValues.ElementAtOrDefault(o)?.Value).ToArray(), NpgsqlDbType.Text);
        }

        Variant(all.Select(x => x.Variant.BasePrice).ToArray(), NpgsqlDbType.Numeric);          // $45
        Variant(all.Select(x => x.Variant.CompareAtPrice).ToArray(), NpgsqlDbType.Numeric);     // $46
        Variant(all.Select(x => x.Variant.Cost).ToArray(), NpgsqlDbType.Numeric);               // $47
        Variant(all.Select(x => x.Variant.Barcode).ToArray(), NpgsqlDbType.Text);               // $48
        Variant(all.Select(x => x.Variant.Inventory).ToArray());                                // $49
        Variant(all.Select(x => x.Variant.Incoming).ToArray());                                 // $50
        Variant(all.Select(x => x.Variant.Warehouse).ToArray(), NpgsqlDbType.Text);             // $51
        Variant(all.Select(x => ProductContent.ToJson(x.Variant.Metafields)).ToArray(), NpgsqlDbType.Jsonb); // $52
        Variant(all.Select(x => ProductContent.ToJson(x.Variant.Prices)).ToArray(), NpgsqlDbType.Jsonb);     // $53
        Variant(all.Select(x => x.Variant.TaxCode).ToArray(), NpgsqlDbType.Text);               // $54
        Variant(all.Select(x => ProductContent.VariantDataJson(x.Variant)).ToArray(), NpgsqlDbType.Jsonb);   // $55
        _variants.Add(Untyped(writes.Select(w => w.EntryHash).ToArray(), NpgsqlDbType.Bytea)); // $56, a product column numbered last

        var receipts = writes.Where(w => w.Receipts is not null)
            .SelectMany(w => w.Receipts!.Rows.Select(row => (w.Receipts.JobId, Row: row, w.Content.ProductId)))
            .ToList();
        _variants.Add(Typed(receipts.Select(r => r.JobId).ToArray()));                      // $57 receipts: job
        _variants.Add(Typed(receipts.Select(r => r.Row).ToArray()));                        // $58 entry row
        _variants.Add(Typed(receipts.Select(r => r.ProductId).ToArray()));                  // $59 product
    }

    /// <summary>The write statement of <paramref name="writes"/> (at least one; each product at most once).</summary>
    public static NpgsqlBatchCommand Command(IReadOnlyList<ProductWrite> writes)
    {
        var parameters = new ProductBatchParameters(writes);
        var command = new NpgsqlBatchCommand(ProductBatchSql.Write);
        foreach (var parameter in parameters._products.Concat(parameters._variants))
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private void Product<T>(T[] values) => _products.Add(Typed(values));

    private void Product<T>(T[] values, NpgsqlDbType element) => _products.Add(Untyped(values, element));

    private void Variant<T>(T[] values) => _variants.Add(Typed(values));

    private void Variant<T>(T[] values, NpgsqlDbType element) => _variants.Add(Untyped(values, element));

    private static NpgsqlParameter<T[]> Typed<T>(T[] values) => new() { TypedValue = values };

    /// <summary>Arrays with nulls, or whose element type must be named (jsonb, numeric, text that may be null).</summary>
    private static NpgsqlParameter Untyped<T>(T[] values, NpgsqlDbType element) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | element };
}
