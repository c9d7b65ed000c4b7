namespace CatalogHub.Grains.Catalog;

/// <summary>
/// A product that cannot be written, with what is wrong per field (e.g. <c>category_id</c>: no such
/// category). Nothing was written. Callers answer it as a validation failure (HTTP 422 with
/// <see cref="Errors"/>); it is an <see cref="ArgumentException"/>, as product validation failures were before.
/// </summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Catalog.ProductValidationException")]
public sealed class ProductValidationException : ArgumentException
{
    /// <summary>The field for problems of the product as a whole or of its variants.</summary>
    public const string ProductField = "product";

    /// <summary>The field that names an unknown category.</summary>
    public const string CategoryIdField = "category_id";

    public ProductValidationException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public ProductValidationException(string message)
        : this(ProductField, [message])
    {
    }

    public ProductValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorsByField = new Dictionary<string, string[]> { [ProductField] = [message] };
    }

    public ProductValidationException(string field, IReadOnlyList<string> messages)
        : this(new Dictionary<string, string[]> { [field] = [.. messages] })
    {
    }

    public ProductValidationException(Dictionary<string, string[]> errors)
        : base(string.Join("; ", errors.SelectMany(kv => kv.Value)))
    {
        ErrorsByField = errors;
    }

    /// <summary>The problem for an unknown category id.</summary>
    public static ProductValidationException UnknownCategory(Guid categoryId) =>
        new(CategoryIdField, [$"no category with id {categoryId}"]);

    /// <summary>What is wrong, by field (snake_case, as on the wire).</summary>
    public IReadOnlyDictionary<string, string[]> Errors => ErrorsByField;

    [Id(0)]
    private Dictionary<string, string[]> ErrorsByField { get; init; }
}
