namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// A field a partial update sets (to <see cref="Value"/>, which may be null); a null <see cref="Change{T}"/>
/// means "not given, keep what is there".
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Suppliers.Change`1")]
public sealed record Change<T>([property: Id(0)] T Value);

/// <summary>Shorthand for <see cref="Change{T}"/>.</summary>
public static class Change
{
    public static Change<T> To<T>(T value) => new(value);
}
