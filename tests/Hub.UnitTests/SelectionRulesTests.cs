using CatalogHub.Api.Customers;

namespace CatalogHub.UnitTests;

public class SelectionRulesTests
{
    [Theory]
    [InlineData("selected")]
    [InlineData("pushing")]
    [InlineData("pushed")]
    [InlineData("stale")]
    public void EachStatusIsAFilter(string status) => Assert.Equal(status, SelectionRules.ParseStatus(status).Status);

    [Theory]
    [InlineData("Pushed")]
    [InlineData("")]
    [InlineData("archived")]
    public void AnyOtherStatusIsAnError(string status)
    {
        var (parsed, errors) = SelectionRules.ParseStatus(status);
        Assert.Null(parsed);
        Assert.Contains("selected, pushing, pushed, stale", Assert.Single(errors["status"]));
    }

    [Fact]
    public void NoStatusMeansAll() => Assert.Empty(SelectionRules.ParseStatus(null).Errors);

    [Fact]
    public void PagingDefaultsCapsAndRejectsNegatives()
    {
        Assert.Equal((0, 50), Take(SelectionRules.Page(null, null)));
        Assert.Equal((5, 0), Take(SelectionRules.Page(5, 0)));
        Assert.Equal((0, 1000), Take(SelectionRules.Page(0, 1001)));
        Assert.Equal(["limit", "skip"], SelectionRules.Page(-1, -1).Errors.Keys.Order());

        static (int, int) Take((int Skip, int Limit, Dictionary<string, string[]> Errors) page)
        {
            Assert.Empty(page.Errors);
            return (page.Skip, page.Limit);
        }
    }

    [Fact]
    public void ProductIdsAreDeduplicatedInFirstSeenOrder()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var (ids, errors) = SelectionRules.ValidateProductIds([b, a, b], required: true);
        Assert.Empty(errors);
        Assert.Equal([b, a], ids);
    }

    [Fact]
    public void SelectingNeedsProductIdsButPushingDoesNot()
    {
        Assert.Contains("product_ids", SelectionRules.ValidateProductIds(null, required: true).Errors.Keys);
        Assert.Contains("product_ids", SelectionRules.ValidateProductIds([], required: true).Errors.Keys);
        Assert.Equal((null, 0), Count(SelectionRules.ValidateProductIds(null, required: false)));
        // An explicit empty subset is a mistake, not "push everything".
        Assert.Contains("product_ids", SelectionRules.ValidateProductIds([], required: false).Errors.Keys);
        Assert.Contains("product_ids", SelectionRules.ValidateProductIds([Guid.Empty], required: true).Errors.Keys);
        Assert.Contains("product_ids", SelectionRules.ValidateProductIds([.. Enumerable.Range(0, 10_001).Select(_ => Guid.NewGuid())], required: true).Errors.Keys);

        static (IReadOnlyList<Guid>?, int) Count((IReadOnlyList<Guid>? Ids, Dictionary<string, string[]> Errors) r) => (r.Ids, r.Errors.Count);
    }

    [Fact]
    public void ACustomerNeedsAName()
    {
        Assert.Empty(SelectionRules.ValidateCustomer(new CreateCustomerRequest("Shop")));
        Assert.Contains("name", SelectionRules.ValidateCustomer(new CreateCustomerRequest(null)).Keys);
        Assert.Contains("name", SelectionRules.ValidateCustomer(new CreateCustomerRequest(new string('x', 201))).Keys);
    }

    [Fact]
    public void PushEventIdsAreStablePerCustomerProductAndVersion()
    {
        var (customer, product) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(PushStore.EventId(customer, product, 2), PushStore.EventId(customer, product, 2));
        Assert.NotEqual(PushStore.EventId(customer, product, 2), PushStore.EventId(customer, product, 3));
        Assert.NotEqual(PushStore.EventId(customer, product, 2), PushStore.EventId(Guid.NewGuid(), product, 2));
        Assert.Equal(5, PushStore.EventId(customer, product, 2).Version);
    }
}
