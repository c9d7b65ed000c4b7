namespace CatalogHub.Grains;

/// <summary>Names of the Orleans storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>ADO.NET grain storage on the hub's PostgreSQL database (grains' private working state).</summary>
    public const string Hub = "hub";
}
