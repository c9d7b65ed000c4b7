using CatalogHub.SupplierSimulator.Catalog;
using CatalogHub.SupplierSimulator.Knobs;

namespace CatalogHub.SupplierSimulator.Admin;

/// <summary>
/// The small JSON admin surface (snake_case): read and change knobs, advance time, summarise the catalog.
/// Never subject to the knobs themselves.
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin");
        admin.MapGet("/knobs", (SimulatorControl control) => control.Knobs);
        admin.MapPatch("/knobs", ChangeKnobs);
        admin.MapPut("/knobs", ChangeKnobs);
        admin.MapDelete("/knobs", (SimulatorControl control) => control.Reset());
        admin.MapPost("/advance", Advance);
        admin.MapGet("/catalog", (SimulatorControl control) => CatalogSummary.Of(control.Catalog));
    }

    private static IResult ChangeKnobs(KnobsPatch patch, SimulatorControl control)
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

    private static IResult Advance(AdvanceRequest request, SimulatorControl control)
    {
        if (request.Products < 0 || request.Minutes is < 0)
        {
            return Results.BadRequest(new { error = "products and minutes must not be negative" });
        }

        return Results.Ok(control.AdvanceTime(request.Products, request.Minutes is { } m ? TimeSpan.FromMinutes(m) : null));
    }

    /// <summary>Body of <c>POST /admin/advance</c>: how many products to modify and how far to move the clock (default 1 minute).</summary>
    public sealed record AdvanceRequest(int Products, double? Minutes = null);

    /// <summary>Body of <c>PATCH /admin/knobs</c>: the knobs to change; absent ones stay.</summary>
    public sealed record KnobsPatch(
        int? LatencyMinMs = null,
        int? LatencyMaxMs = null,
        double? FaultRate = null,
        FaultKind? FaultKind = null,
        int? HangSeconds = null,
        bool? AuthFailure = null,
        int? RateLimitPerSecond = null,
        int? RateLimitStatus = null)
    {
        public SimulatorKnobs ApplyTo(SimulatorKnobs k) => k with
        {
            LatencyMinMs = LatencyMinMs ?? k.LatencyMinMs,
            LatencyMaxMs = LatencyMaxMs ?? (LatencyMinMs is { } min && min > k.LatencyMaxMs ? min : k.LatencyMaxMs),
            FaultRate = FaultRate ?? k.FaultRate,
            FaultKind = FaultKind ?? k.FaultKind,
            HangSeconds = HangSeconds ?? k.HangSeconds,
            AuthFailure = AuthFailure ?? k.AuthFailure,
            RateLimitPerSecond = RateLimitPerSecond ?? k.RateLimitPerSecond,
            RateLimitStatus = RateLimitStatus ?? k.RateLimitStatus,
        };
    }
}
