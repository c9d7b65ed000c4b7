using System.Text.Json;
using CatalogHub.Grains.Suppliers;

namespace CatalogHub.Api.Suppliers;

/// <summary>
/// Reads supplier and import request bodies into what the supplier grain takes; every shape problem is a
/// field → message (422), never the framework's 400. Whether the adapter exists and its settings fit it is
/// the grain's check (<see cref="SupplierRules"/>), which knows the registered adapters. Pure.
/// </summary>
public static class SupplierRequestRules
{
    public const int MaxExplicitList = 10_000;

    private static readonly string[] Fields =
        ["name", "adapter", "adapter_config", "active", "hydrate_concurrency", "max_requests_per_second", "schedules"];

    /// <summary>The changes a create (<paramref name="create"/>) or PATCH body asks for, or the fields that are wrong.</summary>
    public static (SupplierChanges? Changes, Dictionary<string, string[]> Errors) Parse(JsonElement body, bool create)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["the body must be a JSON object"];
            return (null, errors);
        }

        foreach (var p in body.EnumerateObject().Where(p => !Fields.Contains(p.Name)))
        {
            errors[p.Name] = [$"unknown field; the fields are {string.Join(", ", Fields)}"];
        }

        var changes = new SupplierChanges
        {
            Name = Text(body, "name", nullable: false, errors) is { } name ? Change.To(name.Value!) : null,
            Adapter = Text(body, "adapter", nullable: true, errors),
            Active = body.TryGetProperty("active", out var active)
                ? active.ValueKind is JsonValueKind.True or JsonValueKind.False ? Change.To(active.GetBoolean()) : Error<bool>(errors, "active", "active must be true or false")
                : null,
            HydrateConcurrency = body.TryGetProperty("hydrate_concurrency", out var hc)
                ? hc.ValueKind == JsonValueKind.Number && hc.TryGetInt32(out var n) ? Change.To(n) : Error<int>(errors, "hydrate_concurrency", "hydrate_concurrency must be an integer")
                : null,
            MaxRequestsPerSecond = body.TryGetProperty("max_requests_per_second", out var rps)
                ? rps.ValueKind switch
                {
                    JsonValueKind.Null => Change.To<decimal?>(null),
                    JsonValueKind.Number when rps.TryGetDecimal(out var d) => Change.To<decimal?>(d),
                    _ => Error<decimal?>(errors, "max_requests_per_second", "max_requests_per_second must be a number or null"),
                }
                : null,
        };
        changes = WithSchedules(changes, body, errors);
        changes = WithAdapterConfig(changes, body, errors);
        if (create && changes.Name is null && !errors.ContainsKey("name"))
        {
            errors["name"] = ["name is required"];
        }

        if (!create && errors.Count == 0 && !body.EnumerateObject().Any())
        {
            errors["body"] = ["give at least one field to change"];
        }

        return errors.Count > 0 ? (null, errors) : (changes, errors);
    }

    /// <summary>The import an import body asks for, or the fields that are wrong (seed 000's 422s).</summary>
    public static (ImportRequest? Request, Dictionary<string, string[]> Errors) ParseImport(ImportBody? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DiscoveryModes.TryParse(body?.Mode, out var mode))
        {
            errors["mode"] = [$"mode must be one of {string.Join(", ", DiscoveryModes.All)}"];
        }

        if (body?.Limit is <= 0)
        {
            errors["limit"] = ["limit must be a positive integer"];
        }
        else if (mode == DiscoveryMode.FirstN && body?.Limit is null && errors.Count == 0)
        {
            errors["limit"] = ["first_n needs a positive limit"];
        }

        var list = body?.ExplicitList;
        if (mode == DiscoveryMode.ExplicitList && errors.Count == 0)
        {
            if (list is not { Count: > 0 })
            {
                errors["explicit_list"] = ["explicit_list needs at least one supplier SKU"];
            }
            else if (list.Count > MaxExplicitList || list.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 255 || s.Contains('\0', StringComparison.Ordinal)))
            {
                errors["explicit_list"] = [$"explicit_list takes 1 to {MaxExplicitList} supplier SKUs of 1 to 255 characters"];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ImportRequest(
            mode,
            mode == DiscoveryMode.FirstN ? body!.Limit : null,
            mode == DiscoveryMode.ExplicitList ? [.. list!.Select(s => s.Trim())] : null), errors);
    }

    private static SupplierChanges WithSchedules(SupplierChanges changes, JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("schedules", out var schedules))
        {
            return changes;
        }

        if (schedules.ValueKind == JsonValueKind.Null)
        {
            return changes with { DeltaSchedule = Change.To<string?>(null), FullSellableSchedule = Change.To<string?>(null) };
        }

        if (schedules.ValueKind != JsonValueKind.Object)
        {
            errors["schedules"] = ["schedules must be an object with delta and/or full_sellable (ISO 8601 durations or null)"];
            return changes;
        }

        foreach (var p in schedules.EnumerateObject().Where(p => p.Name is not ("delta" or "full_sellable")))
        {
            errors[$"schedules.{p.Name}"] = ["unknown schedule; the schedules are delta and full_sellable"];
        }

        return changes with
        {
            DeltaSchedule = Text(schedules, "delta", nullable: true, errors, "schedules."),
            FullSellableSchedule = Text(schedules, "full_sellable", nullable: true, errors, "schedules."),
        };
    }

    private static SupplierChanges WithAdapterConfig(SupplierChanges changes, JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("adapter_config", out var config))
        {
            return changes;
        }

        if (config.ValueKind == JsonValueKind.Null)
        {
            return changes with { SettingsJson = Change.To("{}"), Credentials = Change.To<IReadOnlyDictionary<string, string>?>(null) };
        }

        if (config.ValueKind != JsonValueKind.Object)
        {
            errors["adapter_config"] = ["adapter_config must be a JSON object"];
            return changes;
        }

        var settings = new Dictionary<string, JsonElement>();
        Change<IReadOnlyDictionary<string, string>?>? credentials = null;
        foreach (var p in config.EnumerateObject())
        {
            if (p.Name != "credentials")
            {
                settings[p.Name] = p.Value;
            }
            else if (p.Value.ValueKind == JsonValueKind.Null)
            {
                credentials = Change.To<IReadOnlyDictionary<string, string>?>(null);
            }
            else if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == "set")
            {
                // What GET shows: sending a supplier back unchanged keeps its credentials.
            }
            else if (p.Value.ValueKind == JsonValueKind.Object && p.Value.EnumerateObject().All(c => c.Value.ValueKind == JsonValueKind.String))
            {
                credentials = Change.To<IReadOnlyDictionary<string, string>?>(
                    p.Value.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetString()!, StringComparer.Ordinal));
            }
            else
            {
                errors["adapter_config.credentials"] = ["credentials must be an object of string values, null to remove them, or \"set\" to keep them"];
            }
        }

        return changes with { SettingsJson = Change.To(JsonSerializer.Serialize(settings)), Credentials = credentials };
    }

    private static Change<string?>? Text(JsonElement obj, string name, bool nullable, Dictionary<string, string[]> errors, string prefix = "")
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => Change.To(value.GetString()),
            JsonValueKind.Null when nullable => Change.To<string?>(null),
            _ => Error<string?>(errors, prefix + name, nullable ? $"{name} must be a string or null" : $"{name} must be a string"),
        };
    }

    private static Change<T>? Error<T>(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return null;
    }
}
