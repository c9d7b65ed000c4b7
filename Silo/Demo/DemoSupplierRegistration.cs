using System.Text.Json;
using CatalogHub.Api.Suppliers;
using CatalogHub.Grains.Suppliers;
using CatalogHub.SupplierSimulator;

namespace CatalogHub.Silo.Demo;

/// <summary>
/// Registers the demo supplier against a running simulator: creates "Demo Supplier (simulated)" on the first
/// start, and on later starts points the existing one (found by name) at the simulator's new port. Goes
/// through the supplier grain as the API does, so the same rules and encryption apply.
/// </summary>
public sealed class DemoSupplierRegistration(IGrainFactory grains, SupplierReader reader)
{
    public const string Name = "Demo Supplier (simulated)";

    /// <summary>Creates or updates the demo supplier; returns its id.</summary>
    public async Task<Guid> EnsureAsync(RunningSupplierSimulator simulator, SimulatorOptions options, CancellationToken ct = default)
    {
        var existing = (await reader.ListAsync(ct)).Where(s => s.Name == Name).OrderBy(s => s.Id).FirstOrDefault();
        var (changes, errors) = SupplierRequestRules.Parse(Body(simulator, options, create: existing is null), create: existing is null);
        if (changes is null)
        {
            throw new InvalidOperationException($"The demo supplier's settings are invalid: {string.Join("; ", errors.SelectMany(e => e.Value))}");
        }

        var id = existing?.Id ?? Guid.NewGuid();
        var supplier = grains.GetGrain<ISupplierGrain>(id);
        var result = existing is null ? await supplier.CreateAsync(changes) : await supplier.UpdateAsync(changes);
        if (result.Outcome != SupplierWriteOutcome.Saved)
        {
            var problems = result.Errors is null ? "" : ": " + string.Join("; ", result.Errors.SelectMany(e => e.Value));
            throw new InvalidOperationException($"The demo supplier was not saved ({result.Outcome}){problems}");
        }

        return id;
    }

    private static JsonElement Body(RunningSupplierSimulator simulator, SimulatorOptions options, bool create)
    {
        var config = new Dictionary<string, object>
        {
            ["endpoints"] = new Dictionary<string, string>
            {
                ["product_data"] = simulator.ProductDataUri.ToString(),
                ["pricing"] = simulator.PricingUri.ToString(),
                ["media"] = simulator.MediaUri.ToString(),
                ["inventory"] = simulator.InventoryUri.ToString(),
            },
            ["credentials"] = new Dictionary<string, string> { ["id"] = options.AccountId, ["password"] = options.Password },
        };
        var body = new Dictionary<string, object> { ["adapter"] = "promostandards", ["adapter_config"] = config, ["active"] = true };
        if (create)
        {
            body["name"] = Name;
        }

        return JsonSerializer.SerializeToElement(body);
    }
}
