namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>An entry's data mapped to what the hub applies, or the error that stops it.</summary>
public sealed record EntryMapping<T>(T? Value, EntryError? Error)
    where T : class;

/// <summary>Builds <see cref="EntryMapping{T}"/> values.</summary>
public static class EntryMapping
{
    public static EntryMapping<T> Ok<T>(T value)
        where T : class => new(value, null);

    public static EntryMapping<T> Fail<T>(EntryError error)
        where T : class => new(null, error);
}
