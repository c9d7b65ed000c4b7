using CatalogHub.Grains.Adapters;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace CatalogHub.Grains.Suppliers;

/// <inheritdoc cref="ISupplierGrain"/>
public sealed class SupplierGrain(
    SupplierStore store,
    SupplierAdapterRegistry registry,
    ISupplierSecrets secrets,
    IOptions<ReminderOptions> reminders) : Grain, ISupplierGrain
{
    private SupplierConfig? _config;
    private bool _loaded;

    private Guid Id => this.GetPrimaryKey();

    public async Task<SupplierWriteResult> CreateAsync(SupplierChanges changes) =>
        await ConfigAsync() is null ? await SaveAsync(null, changes) : new SupplierWriteResult(SupplierWriteOutcome.AlreadyExists);

    public async Task<SupplierWriteResult> UpdateAsync(SupplierChanges changes) =>
        await ConfigAsync() is { } current ? await SaveAsync(current, changes) : SupplierWriteResult.NotFound;

    public Task<SupplierWriteResult> DeactivateAsync() => UpdateAsync(new SupplierChanges { Active = Change.To(false) });

    private async Task<SupplierWriteResult> SaveAsync(SupplierConfig? current, SupplierChanges changes)
    {
        var result = SupplierRules.Apply(Id, current, changes, Factory, reminders.Value.MinimumReminderPeriod);
        if (result.Config is not { } next)
        {
            return SupplierWriteResult.Invalid(result.Errors);
        }

        if (result.Credentials is { } credentials)
        {
            next = next with { ProtectedCredentials = credentials.Value is { Count: > 0 } plain ? secrets.Protect(plain) : null };
        }

        if (current is null)
        {
            await store.InsertAsync(next);
        }
        else
        {
            await store.UpdateAsync(next);
        }

        _config = next;
        return SupplierWriteResult.Saved;
    }

    private ISupplierAdapterFactory? Factory(string name) => registry.TryGet(name, out var factory) ? factory : null;

    private async Task<SupplierConfig?> ConfigAsync()
    {
        if (!_loaded)
        {
            _config = await store.LoadAsync(Id);
            _loaded = true;
        }

        return _config;
    }
}
