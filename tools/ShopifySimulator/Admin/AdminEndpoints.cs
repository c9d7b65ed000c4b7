using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator.Admin;

/// <summary>
/// The small JSON admin surface (snake_case) for standalone runs: the shop's state and counters, the knobs,
/// new locations. Never subject to the knobs (no token, no throttle).
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin");
        admin.MapGet("/state", State);
        admin.MapGet("/knobs", (ShopifyControl control) => control.Knobs);
        admin.MapPatch("/knobs", ChangeKnobs);
        admin.MapDelete("/knobs", (ShopifyControl control) => control.Reset());
        admin.MapPost("/locations", (LocationRequest request, ShopifyControl control) => string.IsNullOrWhiteSpace(request.Name)
            ? Results.BadRequest(new { error = "name is required" })
            : Results.Ok(Location(control.AddLocation(request.Name), request.Name)));
    }

    private static object State(ShopifyControl control, RequestCounters counters)
    {
        var shop = control.Shop;
        var bucket = control.Bucket.Peek();
        return new
        {
            locations = shop.Locations().Select(l => Location(l.Key, l.Value)),
            products = shop.Products().Select(p => new
            {
                id = p.Gid,
                p.Title,
                p.Handle,
                p.Status,
                p.Vendor,
                p.Tags,
                variants = p.Variants.Select(v => new
                {
                    id = v.Gid,
                    v.Sku,
                    v.Title,
                    v.Price,
                    v.CompareAtPrice,
                    inventory_item_id = v.InventoryItemGid,
                    inventory = shop.StockedAt(v.InventoryItemId).ToDictionary(
                        l => ShopifyGid.Location(l),
                        l => new { available = shop.Quantity(v.InventoryItemId, l), incoming = shop.Quantity(v.InventoryItemId, l, "incoming") }),
                }),
            }),
            requests = new
            {
                total = counters.Total,
                throttled = counters.Throttled,
                unauthorized = counters.Unauthorized,
                unavailable = counters.Unavailable,
                executed = counters.ExecutedByMutation(),
            },
            bucket,
        };
    }

    private static object Location(long id, string name) => new { id = ShopifyGid.Location(id), name };

    private static IResult ChangeKnobs(KnobsPatch patch, ShopifyControl control)
    {
        try
        {
            return Results.Ok(control.Update(patch.ApplyTo));
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new { error = e.Message.Split(" (Parameter")[0] });
        }
    }

    /// <summary>Body of <c>POST /admin/locations</c>.</summary>
    public sealed record LocationRequest(string? Name);

    /// <summary>Body of <c>PATCH /admin/knobs</c>: the knobs to change; absent ones stay (an empty string clears a reject knob).</summary>
    public sealed record KnobsPatch(
        string? AccessToken = null,
        bool? Unavailable = null,
        int? LatencyMs = null,
        string? RejectHandle = null,
        string? RejectSku = null,
        string? RejectMessage = null,
        bool? RejectInventory = null,
        int? MaximumAvailable = null,
        int? RestoreRate = null,
        int? MutationCost = null)
    {
        public ShopifyKnobs ApplyTo(ShopifyKnobs k) => k with
        {
            AccessToken = AccessToken ?? k.AccessToken,
            Unavailable = Unavailable ?? k.Unavailable,
            LatencyMs = LatencyMs ?? k.LatencyMs,
            RejectHandle = RejectHandle is null ? k.RejectHandle : RejectHandle.Length == 0 ? null : RejectHandle,
            RejectSku = RejectSku is null ? k.RejectSku : RejectSku.Length == 0 ? null : RejectSku,
            RejectMessage = RejectMessage ?? k.RejectMessage,
            RejectInventory = RejectInventory ?? k.RejectInventory,
            MaximumAvailable = MaximumAvailable ?? k.MaximumAvailable,
            RestoreRate = RestoreRate ?? k.RestoreRate,
            MutationCost = MutationCost ?? k.MutationCost,
        };
    }
}
