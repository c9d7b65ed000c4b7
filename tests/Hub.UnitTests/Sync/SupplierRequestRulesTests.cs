using System.Text.Json;
using CatalogHub.Api.Suppliers;
using CatalogHub.Grains.Suppliers;

namespace CatalogHub.UnitTests.Sync;

public class SupplierRequestRulesTests
{
    private static (SupplierChanges? Changes, Dictionary<string, string[]> Errors) Parse(string json, bool create = false) =>
        SupplierRequestRules.Parse(JsonDocument.Parse(json).RootElement, create);

    [Fact]
    public void AdapterConfigSplitsIntoSettingsAndCredentials()
    {
        var (changes, errors) = Parse("""{"adapter_config":{"endpoint":"https://x","credentials":{"id":"me","password":"pw"}}}""");

        Assert.Empty(errors);
        Assert.Equal("""{"endpoint":"https://x"}""", changes!.SettingsJson!.Value);
        Assert.Equal("pw", changes.Credentials!.Value!["password"]);
    }

    [Theory]
    [InlineData("""{"adapter_config":{"credentials":"set"}}""", false)]
    [InlineData("""{"adapter_config":{}}""", false)]
    [InlineData("""{"adapter_config":{"credentials":null}}""", true)]
    public void CredentialsSetOrAbsentAreKeptAndNullRemovesThem(string json, bool removed)
    {
        var (changes, _) = Parse(json);
        Assert.Equal(removed, changes!.Credentials is { Value: null });
        Assert.Equal(!removed, changes.Credentials is null);
    }

    [Fact]
    public void NullSchedulesClearBothAndAnAbsentFieldIsNotChanged()
    {
        var (cleared, _) = Parse("""{"schedules":null}""");
        var (one, _) = Parse("""{"schedules":{"delta":"PT1H"}}""");

        Assert.Equal((true, true), (cleared!.DeltaSchedule is { Value: null }, cleared.FullSellableSchedule is { Value: null }));
        Assert.Equal("PT1H", one!.DeltaSchedule!.Value);
        Assert.Null(one.FullSellableSchedule);
        Assert.Null(one.Name);
    }

    [Theory]
    [InlineData("""{"name":1}""", "name")]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"adapter":5}""", "adapter")]
    [InlineData("""{"active":"yes"}""", "active")]
    [InlineData("""{"hydrate_concurrency":2.5}""", "hydrate_concurrency")]
    [InlineData("""{"max_requests_per_second":"fast"}""", "max_requests_per_second")]
    [InlineData("""{"schedules":{"weekly":"P7D"}}""", "schedules.weekly")]
    [InlineData("""{"schedules":"P1D"}""", "schedules")]
    [InlineData("""{"adapter_config":[]}""", "adapter_config")]
    [InlineData("""{"adapter_config":{"credentials":{"id":1}}}""", "adapter_config.credentials")]
    [InlineData("""{"extra":1}""", "extra")]
    [InlineData("""{}""", "body")]
    [InlineData("""[]""", "body")]
    public void ShapeProblemsNameTheirField(string json, string field) => Assert.Contains(field, Parse(json).Errors.Keys);

    [Fact]
    public void ACreateNeedsAName() => Assert.Contains("name", Parse("""{"adapter":"x"}""", create: true).Errors.Keys);

    [Fact]
    public void ImportsTakeTheLimitAndListOnlyForTheirModes()
    {
        Assert.Equal(new ImportRequest(DiscoveryMode.FirstN, 5), SupplierRequestRules.ParseImport(new ImportBody("first_n", 5, ["x"])).Request);
        Assert.Equal(new ImportRequest(DiscoveryMode.Delta), SupplierRequestRules.ParseImport(new ImportBody("delta", 5, ["x"])).Request);
        var list = SupplierRequestRules.ParseImport(new ImportBody("explicit_list", null, [" A ", "B"])).Request!;
        Assert.Equal(["A", "B"], list.ExplicitList!);
    }

    [Theory]
    [InlineData(null, null, "mode")]
    [InlineData("all", null, "mode")]
    [InlineData("first_n", null, "limit")]
    [InlineData("first_n", 0, "limit")]
    [InlineData("delta", -1, "limit")]
    [InlineData("explicit_list", null, "explicit_list")]
    public void InvalidImportsNameTheirField(string? mode, int? limit, string field) =>
        Assert.Equal([field], SupplierRequestRules.ParseImport(new ImportBody(mode, limit, null)).Errors.Keys);
}
