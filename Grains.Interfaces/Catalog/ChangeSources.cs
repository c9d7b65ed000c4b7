namespace CatalogHub.Grains.Catalog;

/// <summary>The kinds of <see cref="ChangeSource"/> the hub uses (in the interfaces project: the API names itself as the source of admin changes).</summary>
public static class ChangeSources
{
    public const string Sync = "sync";
    public const string Ingest = "ingest";
    public const string Feed = "feed";
    public const string Admin = "admin";
}
