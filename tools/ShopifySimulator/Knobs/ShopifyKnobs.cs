namespace CatalogHub.ShopifySimulator.Knobs;

/// <summary>
/// The behaviour knobs of a running simulator; immutable, swapped whole (command line, <c>/admin/knobs</c> or
/// <see cref="ShopifyControl"/>). They apply to the GraphQL endpoint only, never to <c>/admin</c>.
/// </summary>
public sealed record ShopifyKnobs
{
    /// <summary>The <c>X-Shopify-Access-Token</c> every GraphQL request must carry; others get 401.</summary>
    public string AccessToken { get; init; } = "shpat_simulator";

    /// <summary>Every GraphQL request answers 503, before the token is checked and before any cost is charged.</summary>
    public bool Unavailable { get; init; }

    /// <summary>Latency added before every GraphQL request is handled.</summary>
    public int LatencyMs { get; init; }

    /// <summary><c>productSet</c> of a product with this handle answers a userError (and changes nothing).</summary>
    public string? RejectHandle { get; init; }

    /// <summary><c>productSet</c> with a variant of this SKU answers a userError (and changes nothing).</summary>
    public string? RejectSku { get; init; }

    /// <summary><c>inventorySetQuantities</c> answers a userError (and changes nothing), whatever it is given.</summary>
    public bool RejectInventory { get; init; }

    /// <summary>The message of those userErrors.</summary>
    public string RejectMessage { get; init; } = "Rejected by the simulator";

    /// <summary>The leaky bucket's size in cost points (Shopify's standard plan: 1000).</summary>
    public int MaximumAvailable { get; init; } = 1000;

    /// <summary>Points the bucket regains per second (standard: 50).</summary>
    public int RestoreRate { get; init; } = 50;

    /// <summary>The requested (and actual) cost of every mutation (Shopify: 10 for a mutation).</summary>
    public int MutationCost { get; init; } = 10;

    /// <summary>The problems of these knobs; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(AccessToken))
        {
            problems.Add("access_token must not be empty");
        }

        if (LatencyMs < 0)
        {
            problems.Add("latency_ms must not be negative");
        }

        if (MaximumAvailable < 1 || RestoreRate < 1 || MutationCost < 1)
        {
            problems.Add("maximum_available, restore_rate and mutation_cost must be at least 1");
        }
        else if (MutationCost > MaximumAvailable)
        {
            problems.Add("mutation_cost must not exceed maximum_available");
        }

        return problems;
    }
}
