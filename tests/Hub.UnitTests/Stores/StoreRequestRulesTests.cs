using System.Text.Json;
using CatalogHub.Api.Stores;

namespace CatalogHub.UnitTests.Stores;

public class StoreRequestRulesTests
{
    private static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement;

    private static string[] Fields(IEnumerable<CatalogHub.Api.Problems.FieldError> errors) => [.. errors.Select(e => e.Field)];

    [Theory]
    [InlineData("9975", true)]
    [InlineData("STORE-101", true)]
    [InlineData("a.b_c-d", true)]
    [InlineData("-101", false)]
    [InlineData("", false)]
    [InlineData(" 9975", false)]
    [InlineData("99 75", false)]
    [InlineData("store/1", false)]
    public void StoreNumbersFollowTheTablesPattern(string value, bool valid) =>
        Assert.Equal(valid, StoreRequestRules.IsStoreNumber(value));

    [Fact]
    public void StoreNumbersAreAtMostFiftyCharacters()
    {
        Assert.True(StoreRequestRules.IsStoreNumber(new string('1', 50)));
        Assert.False(StoreRequestRules.IsStoreNumber(new string('1', 51)));
    }

    [Fact]
    public void ACreateTrimsTheNameDefaultsActiveAndIgnoresUnknownFields()
    {
        var (request, errors) = StoreRequestRules.ParseCreateStore(Body("""{"store_number": "9975", "name": " Main ", "color": "red"}"""));
        Assert.Empty(errors);
        Assert.Equal(new CreateStoreRequest("9975", "Main", null), request);
    }

    [Fact]
    public void ACreateNamesEveryWrongField()
    {
        var (request, errors) = StoreRequestRules.ParseCreateStore(Body("""{"store_number": 9975, "name": "", "active": 1}"""));
        Assert.Null(request);
        Assert.Equal(["store_number", "name", "active"], Fields(errors));

        Assert.Equal(["store_number", "name"], Fields(StoreRequestRules.ParseCreateStore(Body("""{"store_number": null}""")).Errors));
        Assert.Equal(["name"], Fields(StoreRequestRules.ParseCreateStore(Body($$"""{"store_number": "1", "name": "{{new string('n', 201)}}"}""")).Errors));
        Assert.Equal(["name"], Fields(StoreRequestRules.ParseCreateStore(Body("""{"store_number": "1", "name": "a\u0000b"}""")).Errors));
        Assert.Equal(["body"], Fields(StoreRequestRules.ParseCreateStore(Body("\"store\"")).Errors));
    }

    [Fact]
    public void AStorePatchNeedsAFieldAndKeepsTheStoreNumber()
    {
        Assert.Equal(new UpdateStoreRequest(null, false), StoreRequestRules.ParseUpdateStore(Body("""{"active": false}"""), "9975").Request);
        Assert.Equal(new UpdateStoreRequest("New", null), StoreRequestRules.ParseUpdateStore(Body("""{"name": "New", "store_number": "9975"}"""), "9975").Request);
        Assert.Equal(["store_number"], Fields(StoreRequestRules.ParseUpdateStore(Body("""{"name": "New", "store_number": "9976"}"""), "9975").Errors));
        Assert.Equal(["body"], Fields(StoreRequestRules.ParseUpdateStore(Body("""{"name": null, "other": 1}"""), "9975").Errors));
    }

    [Fact]
    public void LocationNamesMayBeLongerThanStoreNames()
    {
        var name = new string('l', 255);
        Assert.Equal(new CreateLocationRequest(name, true), StoreRequestRules.ParseCreateLocation(Body($$"""{"name": "{{name}}", "active": true}""")).Request);
        Assert.Equal(["name"], Fields(StoreRequestRules.ParseCreateLocation(Body($$"""{"name": "{{name}}l"}""")).Errors));
        Assert.Equal(["name"], Fields(StoreRequestRules.ParseCreateLocation(Body("{}")).Errors));
        Assert.Equal(["body"], Fields(StoreRequestRules.ParseUpdateLocation(Body("{}")).Errors));
        Assert.Equal(new UpdateLocationRequest("Back", null), StoreRequestRules.ParseUpdateLocation(Body("""{"name": "Back"}""")).Request);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("", null, true)]
    [InlineData("true", true, true)]
    [InlineData("False", false, true)]
    [InlineData("1", null, false)]
    public void TheActiveFilterIsTrueOrFalse(string? value, bool? expected, bool valid)
    {
        var (active, errors) = StoreRequestRules.ParseActiveFilter(value);
        Assert.Equal(expected, active);
        Assert.Equal(valid, errors.Count == 0);
    }
}
