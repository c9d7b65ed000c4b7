using System.Text.Json;
using CatalogHub.Grains.Adapters;

namespace CatalogHub.TestAdapter;

/// <summary>Registers the <c>scripted</c> adapter (tests only): a supplier whose settings script its catalog and faults.</summary>
public sealed class ScriptedAdapterFactory : ISupplierAdapterFactory
{
    public const string AdapterName = "scripted";

    public string Name => AdapterName;

    public IReadOnlyDictionary<string, string[]> Validate(JsonElement settings) => ScriptedSettings.Parse(settings).Problems;

    public ISupplierAdapter Create(SupplierAdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (settings, problems) = ScriptedSettings.Parse(context.Settings);
        return settings is null
            ? throw new ArgumentException("Invalid scripted settings: " + string.Join("; ", problems.Keys), nameof(context))
            : new ScriptedAdapter(context.SupplierId, settings, context.Credentials);
    }
}
