using System.Text.Json;
using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Suppliers;

namespace CatalogHub.UnitTests.Sync;

public class SupplierRulesTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static ISupplierAdapterFactory? Adapters(string name) => name == "fake" ? new FakeFactory() : null;

    private static SupplierRulesResult Create(SupplierChanges changes) => SupplierRules.Apply(Id, null, changes, Adapters, Minute);

    private static readonly SupplierConfig Existing = new(Id, "Old", "fake", """{"ok":true}""", "payload", true, 4, 2m, "PT1H", null);

    [Fact]
    public void ACreateGetsTheDefaults()
    {
        var result = Create(new SupplierChanges { Name = Change.To("  SanMar ") });

        Assert.Empty(result.Errors);
        Assert.Equal(new SupplierConfig(Id, "SanMar", null, "{}", null, true, 8, null, null, null), result.Config);
        Assert.Null(result.Credentials);
    }

    [Fact]
    public void ACreateNeedsAName()
    {
        Assert.Contains("name", Create(new SupplierChanges()).Errors.Keys);
        Assert.Contains("name", Create(new SupplierChanges { Name = Change.To(" ") }).Errors.Keys);
        Assert.Contains("name", Create(new SupplierChanges { Name = Change.To(new string('x', 201)) }).Errors.Keys);
    }

    [Fact]
    public void TheAdapterMustBeRegisteredAndItsSettingsValidForIt()
    {
        Assert.Contains("adapter", Create(new SupplierChanges { Name = Change.To("x"), Adapter = Change.To<string?>("nope") }).Errors.Keys);
        var bad = Create(new SupplierChanges { Name = Change.To("x"), Adapter = Change.To<string?>("fake"), SettingsJson = Change.To("""{"ok":false}""") });
        Assert.Equal(["adapter_config.ok"], bad.Errors.Keys);
        Assert.Contains("adapter_config", Create(new SupplierChanges { Name = Change.To("x"), SettingsJson = Change.To("[1]") }).Errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void ConcurrencyIsOneToSixtyFour(int concurrency) =>
        Assert.Contains("hydrate_concurrency", Create(new SupplierChanges { Name = Change.To("x"), HydrateConcurrency = Change.To(concurrency) }).Errors.Keys);

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10000.5")]
    [InlineData("0.0001")]
    public void TheRateIsPositiveAndBounded(string rate) =>
        Assert.Contains("max_requests_per_second", Create(new SupplierChanges { Name = Change.To("x"), MaxRequestsPerSecond = Change.To<decimal?>(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)) }).Errors.Keys);

    [Theory]
    [InlineData("PT30S")]
    [InlineData("P400D")]
    [InlineData("daily")]
    public void SchedulesAreDurationsFromTheMinimumToAYear(string schedule)
    {
        var result = Create(new SupplierChanges { Name = Change.To("x"), DeltaSchedule = Change.To<string?>(schedule), FullSellableSchedule = Change.To<string?>(schedule) });
        Assert.Equal(["schedules.delta", "schedules.full_sellable"], result.Errors.Keys.Order());
    }

    [Fact]
    public void AnUpdateKeepsWhatItDoesNotChangeAndClearsWhatIsSetToNull()
    {
        var result = SupplierRules.Apply(Id, Existing, new SupplierChanges { MaxRequestsPerSecond = Change.To<decimal?>(null), DeltaSchedule = Change.To<string?>(null) }, Adapters, Minute);

        Assert.Equal(Existing with { MaxRequestsPerSecond = null, DeltaSchedule = null }, result.Config);
    }

    [Fact]
    public void AnUpdateOfOtherFieldsDoesNotRecheckTheSavedSettings()
    {
        var stale = Existing with { SettingsJson = """{"ok":false}""" };

        Assert.Empty(SupplierRules.Apply(Id, stale, new SupplierChanges { Name = Change.To("New") }, Adapters, Minute).Errors);
        Assert.NotEmpty(SupplierRules.Apply(Id, stale, new SupplierChanges { Adapter = Change.To<string?>("fake") }, Adapters, Minute).Errors);
    }

    [Fact]
    public void CredentialsAreHandedBackToEncryptAndMustBeNamedStrings()
    {
        var plain = new Dictionary<string, string> { ["id"] = "me", ["password"] = "pw" };
        var result = SupplierRules.Apply(Id, Existing, new SupplierChanges { Credentials = Change.To<IReadOnlyDictionary<string, string>?>(plain) }, Adapters, Minute);

        Assert.Same(plain, result.Credentials!.Value);
        Assert.Equal("payload", result.Config!.ProtectedCredentials);
        Assert.DoesNotContain("pw", result.ToString(), StringComparison.Ordinal);
        var blank = new Dictionary<string, string> { [" "] = "x" };
        Assert.Contains("adapter_config.credentials",
            SupplierRules.Apply(Id, Existing, new SupplierChanges { Credentials = Change.To<IReadOnlyDictionary<string, string>?>(blank) }, Adapters, Minute).Errors.Keys);
    }

    [Fact]
    public void ADeltaAsksSinceTheLaterOfTheLastDeltaAndFullStart()
    {
        var early = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var late = early.AddHours(5);

        Assert.Null(Existing.DeltaSince());
        Assert.Equal(late, (Existing with { LastDeltaSync = early, LastFullSync = late }).DeltaSince());
        Assert.Equal(late, (Existing with { LastDeltaSync = late, LastFullSync = early }).DeltaSince());
        Assert.Equal(early, (Existing with { LastFullSync = early }).DeltaSince());
    }

    [Fact]
    public void OnlyActiveSuppliersWithAnAdapterHaveScheduleReminders()
    {
        var both = Existing with { FullSellableSchedule = "P1D" };

        Assert.Equal(new Dictionary<string, TimeSpan> { ["schedule:delta"] = TimeSpan.FromHours(1), ["schedule:full_sellable"] = TimeSpan.FromDays(1) }, SupplierSchedules.Desired(both));
        Assert.Empty(SupplierSchedules.Desired(both with { Active = false }));
        Assert.Empty(SupplierSchedules.Desired(both with { Adapter = null }));
        Assert.Empty(SupplierSchedules.Desired(null));
        Assert.Equal(DiscoveryMode.FullSellable, SupplierSchedules.ModeOf("schedule:full_sellable"));
        Assert.Null(SupplierSchedules.ModeOf("keep-alive"));
    }

    private sealed class FakeFactory : ISupplierAdapterFactory
    {
        public string Name => "fake";

        public IReadOnlyDictionary<string, string[]> Validate(JsonElement settings) =>
            settings.TryGetProperty("ok", out var ok) && ok.GetBoolean() ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { ["ok"] = ["must be true"] };

        public ISupplierAdapter Create(SupplierAdapterContext context) => throw new NotSupportedException();
    }
}
