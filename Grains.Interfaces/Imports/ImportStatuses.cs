namespace CatalogHub.Grains.Imports;

/// <summary>The statuses of a feed import (seed 003), as the API shows them and the <c>feed_imports</c> table keeps them.</summary>
public static class ImportStatuses
{
    public const string Waiting = "WAITING";
    public const string InProgress = "IN_PROGRESS";
    public const string Success = "SUCCESS";
    public const string Failure = "FAILURE";
    public const string Aborted = "ABORTED";
    public const string NotFound = "NOT_FOUND";

    /// <summary>Codes of a FAILURE, beside its reason.</summary>
    public const string InvalidFeed = "INVALID_FEED";
    public const string HarmfulImport = "HARMFUL_IMPORT";
    public const string ApplyFailed = "APPLY_FAILED";
    public const string Interrupted = "INTERRUPTED";

    /// <summary>True for the statuses an import never leaves.</summary>
    public static bool IsFinished(string status) => status is Success or Failure or Aborted;
}

/// <summary>What a feed holds: the whole catalog, some complete products (and removals), or changes of single attributes.</summary>
public enum ImportType
{
    Full,
    Partial,
    Attributes,
}

/// <summary>Names of <see cref="ImportType"/> on the wire and in the table.</summary>
public static class ImportTypes
{
    public static string Name(ImportType type) => type switch
    {
        ImportType.Full => "full",
        ImportType.Partial => "partial",
        _ => "attributes",
    };

    public static bool TryParse(string? text, out ImportType type)
    {
        (var ok, type) = text switch
        {
            "full" => (true, ImportType.Full),
            "partial" => (true, ImportType.Partial),
            "attributes" => (true, ImportType.Attributes),
            _ => (false, ImportType.Full),
        };
        return ok;
    }
}
