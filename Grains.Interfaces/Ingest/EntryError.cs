namespace CatalogHub.Grains.Ingest;

/// <summary>Seed 002's error categories of an entry.</summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Ingest.EntryErrorType")]
public enum EntryErrorType
{
    /// <summary>A business rule is violated.</summary>
    Validation = 0,

    /// <summary>A value cannot be converted to its type.</summary>
    Conversion = 1,

    /// <summary>The database refused the change.</summary>
    Database = 2,

    /// <summary>A reference (store, location, SKU) does not resolve.</summary>
    Resolution = 3,
}

/// <summary>Why an entry failed: its category, a message for people and the field at fault.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.EntryError")]
public sealed record EntryError(
    [property: Id(0)] EntryErrorType Type,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Field = null)
{
    public static EntryError Validation(string message, string? field = null) => new(EntryErrorType.Validation, message, field);

    public static EntryError Conversion(string message, string? field = null) => new(EntryErrorType.Conversion, message, field);

    public static EntryError Resolution(string message, string? field = null) => new(EntryErrorType.Resolution, message, field);
}
