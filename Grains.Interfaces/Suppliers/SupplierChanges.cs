namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// What a create or update of a supplier asks for; a null field is not given (create applies the defaults).
/// <see cref="Credentials"/> travel in plain text to the supplier grain, which encrypts them before they are
/// stored, so <see cref="ToString"/> never prints them.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Suppliers.SupplierChanges")]
public sealed record SupplierChanges
{
    [Id(0)] public Change<string>? Name { get; init; }
    [Id(1)] public Change<string?>? Adapter { get; init; }

    /// <summary>The adapter settings (<c>adapter_config</c> without <c>credentials</c>) as a JSON object.</summary>
    [Id(2)] public Change<string>? SettingsJson { get; init; }

    /// <summary>Null value: remove the credentials.</summary>
    [Id(3)] public Change<IReadOnlyDictionary<string, string>?>? Credentials { get; init; }

    [Id(4)] public Change<bool>? Active { get; init; }
    [Id(5)] public Change<int>? HydrateConcurrency { get; init; }

    /// <summary>Null value: unlimited.</summary>
    [Id(6)] public Change<decimal?>? MaxRequestsPerSecond { get; init; }

    /// <summary>ISO 8601 duration between scheduled delta imports; null value: none.</summary>
    [Id(7)] public Change<string?>? DeltaSchedule { get; init; }

    /// <summary>ISO 8601 duration between scheduled full_sellable imports; null value: none.</summary>
    [Id(8)] public Change<string?>? FullSellableSchedule { get; init; }

    /// <summary>Names the fields given, never their credential values.</summary>
    public override string ToString() =>
        $"SupplierChanges {{ Name = {Name?.Value}, Adapter = {Adapter?.Value}, Credentials = {(Credentials is null ? "(not given)" : "(redacted)")}, " +
        $"Active = {Active?.Value}, HydrateConcurrency = {HydrateConcurrency?.Value}, MaxRequestsPerSecond = {MaxRequestsPerSecond?.Value}, " +
        $"DeltaSchedule = {DeltaSchedule?.Value}, FullSellableSchedule = {FullSellableSchedule?.Value} }}";
}

/// <summary>What a supplier create or update did.</summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Suppliers.SupplierWriteOutcome")]
public enum SupplierWriteOutcome
{
    Saved = 0,
    NotFound = 1,

    /// <summary>The changes are not valid; <see cref="SupplierWriteResult.Errors"/> names the fields.</summary>
    Invalid = 2,

    /// <summary>Create of an id that exists.</summary>
    AlreadyExists = 3,
}

/// <summary>The outcome and, when invalid, field → messages.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Suppliers.SupplierWriteResult")]
public sealed record SupplierWriteResult(
    [property: Id(0)] SupplierWriteOutcome Outcome,
    [property: Id(1)] Dictionary<string, string[]>? Errors = null)
{
    public static readonly SupplierWriteResult Saved = new(SupplierWriteOutcome.Saved);
    public static readonly SupplierWriteResult NotFound = new(SupplierWriteOutcome.NotFound);

    public static SupplierWriteResult Invalid(Dictionary<string, string[]> errors) => new(SupplierWriteOutcome.Invalid, errors);
}
