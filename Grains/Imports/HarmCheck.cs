using System.Globalization;

namespace CatalogHub.Grains.Imports;

/// <summary>
/// Harmful-import protection (seed 003): a full import that would archive, or a partial that would remove, more than
/// <c>share</c> of the catalog's active products is refused unless forced. Pure, unit-tested.
/// </summary>
public static class HarmCheck
{
    /// <summary>The refusal's reason, or null when the import may run.</summary>
    public static string? Refusal(ImportType type, long active, long affected, double share)
    {
        if (type == ImportType.Attributes || active == 0 || affected <= share * active)
        {
            return null;
        }

        var verb = type == ImportType.Full ? "archive" : "remove";
        return string.Create(CultureInfo.InvariantCulture,
            $"The import would {verb} {affected:N0} of {active:N0} active products ({100.0 * affected / active:0}%), more than the {100 * share:0.#}% allowed; send force=true to apply it anyway.");
    }
}
