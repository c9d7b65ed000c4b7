using System.Security.Claims;
using System.Text.Json;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Categories;
using CatalogHub.Api.Console;
using CatalogHub.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace CatalogHub.UnitTests.Console;

public class ConsoleRulesTests
{
    private static ClaimsPrincipal Key(string[] scopes, string[]? stores = null) => new(new ClaimsIdentity(
        [.. scopes.Select(s => new Claim(Scopes.ClaimType, s)), .. (stores ?? []).Select(s => new Claim(Scopes.StoreClaimType, s))], "test"));

    [Fact]
    public void ReadSeesAdminActsAndStoreKeysAreKeptOut()
    {
        Assert.True(ConsoleAccess.CanSee(Key(["read"])));
        Assert.False(ConsoleAccess.CanAct(Key(["read"])));
        Assert.True(ConsoleAccess.CanSee(Key(["admin"])));
        Assert.True(ConsoleAccess.CanAct(Key(["admin"])));
        Assert.False(ConsoleAccess.CanSee(Key(["ingest"])));
        Assert.False(ConsoleAccess.CanSee(Key(["read"], ["9975"])));
        Assert.False(ConsoleAccess.CanAct(Key(["admin"], ["9975"])));
        Assert.False(ConsoleAccess.CanAct(null));
    }

    [Fact]
    public void AConflictNamingAJobLinksToIt()
    {
        var job = Guid.NewGuid();
        var outcome = ActionOutcome.From(HubProblems.ConflictWithJob("A full_sellable import is already running.", job), "Started.");
        Assert.Equal(new ActionOutcome(false, 409, "A full_sellable import is already running.", job), outcome);
    }

    [Fact]
    public void SuccessAndTheIngestionErrorShapeAreRead()
    {
        Assert.Equal(new ActionOutcome(true, 202, "Started.", null), ActionOutcome.From(TypedResults.Accepted("/x", new { }), "Started."));
        Assert.Equal(new ActionOutcome(true, 200, "Done.", null), ActionOutcome.From(TypedResults.Ok(1), "Done."));
        Assert.Equal(new ActionOutcome(false, 409, "Outbox event 3 is processed", null),
            ActionOutcome.From(SpecErrors.Conflict("Outbox event 3 is processed"), "Done."));
        Assert.Equal(new ActionOutcome(false, 404, "Product not found", null), ActionOutcome.From(HubProblems.NotFound("Product not found"), "Done."));
    }

    [Fact]
    public void SyncJobErrorsReadTheirFourFieldsWhateverElseIsThere()
    {
        using var errors = JsonDocument.Parse("""
            [{"phase": "hydrate", "ref": "SKU-1", "code": "TIMEOUT", "msg": "took too long"},
             {"phase": "discover", "code": 500},
             "not an object"]
            """);
        Assert.Equal(
            [new SyncJobErrorLine("hydrate", "SKU-1", "TIMEOUT", "took too long"), new SyncJobErrorLine("discover", "", "500", "")],
            SyncJobErrorLine.Read(errors.RootElement));
        using var none = JsonDocument.Parse("{}");
        Assert.Empty(SyncJobErrorLine.Read(none.RootElement));
    }

    [Fact]
    public void CategoriesAreListedDepthFirstAndIndented()
    {
        var (apparel, shirts, tees, bags) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var tree = new[]
        {
            new CategoryNode(apparel, "Apparel", null, [new CategoryNode(shirts, "Shirts", apparel, [new CategoryNode(tees, "Tees", shirts, [])])]),
            new CategoryNode(bags, "Bags", null, []),
        };
        Assert.Equal(
            [(apparel, "Apparel"), (shirts, "\u00a0\u00a0\u00a0Shirts"), (tees, "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0Tees"), (bags, "Bags")],
            CategoryChoices.Flatten(tree));
    }
}
