namespace CatalogHub.Grains.Catalog;

/// <summary>One product write for the store: the content and the version the writer read (null: absent).</summary>
public sealed record ProductWrite(ProductContent Content, int? ExpectedVersion, ChangeSource Source, DateTimeOffset At);

/// <summary>The store's answer to one write: the new stamp, or a version conflict (the writer must reload).</summary>
public sealed record WriteResult(ProductStamp? Stamp)
{
    public static readonly WriteResult Conflict = new((ProductStamp?)null);

    public bool IsConflict => Stamp is null;
}

/// <summary>Archive (<paramref name="Archived"/> true) or restore a product the writer read at <paramref name="ExpectedVersion"/>.</summary>
public sealed record ProductArchive(Guid ProductId, int ExpectedVersion, bool Archived, ChangeSource Source, DateTimeOffset At);

/// <summary>The store's answer to an archive or restore.</summary>
public enum ArchiveWriteStatus
{
    Changed,
    Unchanged,
    NotFound,
    Conflict,
}

/// <summary>The status and the product's version after it (the new one when changed).</summary>
public sealed record ArchiveWriteResult(ArchiveWriteStatus Status, int Version);
