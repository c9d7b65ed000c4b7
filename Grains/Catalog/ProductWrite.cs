namespace CatalogHub.Grains.Catalog;

/// <summary>One product write for the store: the content and the version the writer read (null: absent).</summary>
public sealed record ProductWrite(ProductContent Content, int? ExpectedVersion, ChangeSource Source, DateTimeOffset At)
{
    /// <summary>The entries of an ingestion job this write applies: their receipts commit with it.</summary>
    public IngestReceipts? Receipts { get; init; }

    /// <summary>
    /// The content is unchanged: write only an outbox event for the product at <see cref="ExpectedVersion"/>
    /// (seed 002's <c>force_sync</c>); its id is stable per version and source, so a retry adds no second one.
    /// </summary>
    public bool EventOnly { get; init; }

    /// <summary>
    /// The digest of the ingestion entry this write applies, when the write is exactly one products/POS entry's: stored
    /// with the product so that the same entry again is unchanged from the row alone (<c>Grains/Ingest/EntryDigest</c>).
    /// </summary>
    public byte[]? EntryHash { get; init; }
}

/// <summary>Rows (1-based entry positions) of ingestion job <paramref name="JobId"/>.</summary>
public sealed record IngestReceipts(long JobId, IReadOnlyList<int> Rows);

/// <summary>What the store did with one write.</summary>
public enum WriteStatus
{
    /// <summary>Committed: the result carries the new stamp.</summary>
    Written,

    /// <summary>The product's version was not the expected one: nothing written, the writer must reload.</summary>
    Conflict,

    /// <summary>The product names a category that does not exist: nothing written.</summary>
    UnknownCategory,
}

/// <summary>
/// The store's answer to one write: the new stamp and the variants' numbers in position order, a version conflict
/// (the writer must reload), or an unknown category.
/// </summary>
public sealed record WriteResult(WriteStatus Status, ProductStamp? Stamp, IReadOnlyList<long>? VariantNumbers = null)
{
    public static readonly WriteResult Conflict = new(WriteStatus.Conflict, null);

    public static readonly WriteResult UnknownCategory = new(WriteStatus.UnknownCategory, null);

    public static WriteResult Written(ProductStamp stamp, IReadOnlyList<long> variantNumbers) => new(WriteStatus.Written, stamp, variantNumbers);

    public bool IsConflict => Status == WriteStatus.Conflict;
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
