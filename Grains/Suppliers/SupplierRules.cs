using System.Text.Json;
using CatalogHub.Grains.Adapters;

namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// Applies a create or update to a supplier and checks the result: name, adapter (registered, settings
/// valid for it), concurrency, rate and schedules. Pure apart from the adapter lookup it is given, so unit
/// tests reach every rule. Errors are keyed by the API's field names.
/// </summary>
public static class SupplierRules
{
    public const int MaxNameLength = 200;
    public const int MaxHydrateConcurrency = 64;
    public const decimal MaxRequestsPerSecondLimit = 10_000m;

    /// <summary>The longest schedule period (a reminder a year apart is a calendar entry, not a schedule).</summary>
    public static readonly TimeSpan MaxSchedule = TimeSpan.FromDays(366);

    /// <summary>The new configuration, or the problems; credentials to encrypt are returned separately.</summary>
    public static SupplierRulesResult Apply(
        Guid id, SupplierConfig? current, SupplierChanges changes, Func<string, ISupplierAdapterFactory?> adapters, TimeSpan minimumSchedule)
    {
        var errors = new Dictionary<string, string[]>();
        var name = changes.Name?.Value?.Trim() ?? current?.Name;
        if (current is null && changes.Name is null || changes.Name is not null && NameProblem(changes.Name.Value) is not null)
        {
            errors["name"] = [NameProblem(changes.Name?.Value) ?? "name is required"];
        }

        var adapter = changes.Adapter is { } a ? a.Value?.Trim() : current?.Adapter;
        var settings = changes.SettingsJson?.Value ?? current?.SettingsJson ?? "{}";
        CheckAdapter(errors, adapter, settings, adapters, changes.Adapter is not null || changes.SettingsJson is not null || current is null);

        var concurrency = changes.HydrateConcurrency?.Value ?? current?.HydrateConcurrency ?? SupplierConfig.DefaultHydrateConcurrency;
        if (concurrency is < 1 or > MaxHydrateConcurrency)
        {
            errors["hydrate_concurrency"] = [$"hydrate_concurrency must be between 1 and {MaxHydrateConcurrency}"];
        }

        var rate = changes.MaxRequestsPerSecond is { } r ? r.Value : current?.MaxRequestsPerSecond;
        if (rate is { } perSecond && (perSecond <= 0 || perSecond > MaxRequestsPerSecondLimit || decimal.Round(perSecond, 3) != perSecond))
        {
            errors["max_requests_per_second"] = [$"max_requests_per_second must be above 0 and at most {MaxRequestsPerSecondLimit} (3 decimals), or null for unlimited"];
        }

        var delta = changes.DeltaSchedule is { } d ? d.Value?.Trim() : current?.DeltaSchedule;
        var full = changes.FullSellableSchedule is { } f ? f.Value?.Trim() : current?.FullSellableSchedule;
        CheckSchedule(errors, "schedules.delta", changes.DeltaSchedule is null ? null : delta, minimumSchedule);
        CheckSchedule(errors, "schedules.full_sellable", changes.FullSellableSchedule is null ? null : full, minimumSchedule);
        CheckCredentials(errors, changes.Credentials?.Value);

        if (errors.Count > 0)
        {
            return new SupplierRulesResult(null, errors, null);
        }

        var config = new SupplierConfig(
            id, name!, string.IsNullOrEmpty(adapter) ? null : adapter, Compact(settings), current?.ProtectedCredentials,
            changes.Active?.Value ?? current?.Active ?? true, concurrency, rate, delta, full, current?.LastFullSync, current?.LastDeltaSync);
        return new SupplierRulesResult(config, errors, changes.Credentials);
    }

    /// <summary>Why <paramref name="name"/> is not a supplier name, or null.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "name is required and must not be blank"
        : name.Trim().Length > MaxNameLength ? $"name must be at most {MaxNameLength} characters"
        : name.Contains('\0', StringComparison.Ordinal) ? "name must not contain NUL characters"
        : null;

    private static void CheckAdapter(
        Dictionary<string, string[]> errors, string? adapter, string settings, Func<string, ISupplierAdapterFactory?> adapters, bool changed)
    {
        JsonElement parsed;
        try
        {
            using var doc = JsonDocument.Parse(settings);
            parsed = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            errors["adapter_config"] = ["adapter_config must be a JSON object"];
            return;
        }

        if (parsed.ValueKind != JsonValueKind.Object)
        {
            errors["adapter_config"] = ["adapter_config must be a JSON object"];
            return;
        }

        if (string.IsNullOrEmpty(adapter) || !changed)
        {
            return;
        }

        if (adapters(adapter) is not { } factory)
        {
            errors["adapter"] = [$"no adapter named '{adapter}' is registered"];
            return;
        }

        foreach (var (field, messages) in factory.Validate(parsed))
        {
            errors[field.StartsWith("adapter_config", StringComparison.Ordinal) ? field : $"adapter_config.{field}"] = messages;
        }
    }

    private static void CheckSchedule(Dictionary<string, string[]> errors, string field, string? value, TimeSpan minimum)
    {
        if (value is null)
        {
            return;
        }

        if (!IsoDuration.TryParse(value, out var period))
        {
            errors[field] = [$"{field} must be an ISO 8601 duration such as PT6H or P1D (weeks, days, hours, minutes, seconds), or null"];
        }
        else if (period < minimum || period > MaxSchedule)
        {
            errors[field] = [$"{field} must be between {minimum} and {MaxSchedule.TotalDays:F0} days"];
        }
    }

    private static void CheckCredentials(Dictionary<string, string[]> errors, IReadOnlyDictionary<string, string>? credentials)
    {
        if (credentials is null)
        {
            return;
        }

        if (credentials.Count > 20 || credentials.Any(kv => string.IsNullOrWhiteSpace(kv.Key) || kv.Key.Length > 100 || kv.Value is null || kv.Value.Length > 4000))
        {
            errors["adapter_config.credentials"] = ["credentials must be an object of at most 20 named string values"];
        }
    }

    private static string Compact(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(doc.RootElement);
    }
}

/// <summary>The outcome of <see cref="SupplierRules.Apply"/>: a config, or errors; the credentials change to encrypt.</summary>
public sealed record SupplierRulesResult(
    SupplierConfig? Config,
    Dictionary<string, string[]> Errors,
    Change<IReadOnlyDictionary<string, string>?>? Credentials)
{
    public override string ToString() => $"SupplierRulesResult {{ Config = {Config}, Errors = {Errors.Count} }}";
}
