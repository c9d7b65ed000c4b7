using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Outbox;

namespace CatalogHub.UnitTests.Outbox;

public class DispatchRulesTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    private static ClaimedEvent Event(long seq, Guid aggregate, string? ingestKind = null, string? callbackUrl = null) => new(
        seq, Guid.NewGuid(), "product", aggregate, (int)seq, "product.updated", "ingest", null, DateTimeOffset.UnixEpoch, 0, 3,
        callbackUrl, "{}", ingestKind, "store:S1", "k");

    [Fact]
    public void AProductsEventsAreCoalescedOldestFirstAndDeliveredAsTheLatest()
    {
        var groups = DeliveryPlanner.Group([Event(3, A, "prices"), Event(1, A), Event(2, B, "inventory"), Event(4, A, "inventory")]);
        Assert.Equal(2, groups.Count);
        Assert.Equal([1L, 3, 4], groups[0].Events.Select(e => e.Seq));
        Assert.Equal(4, groups[0].Latest.Seq);
        Assert.Equal(ChangeKinds.Product | ChangeKinds.Price | ChangeKinds.Inventory, groups[0].Changes);
        Assert.Equal(ChangeKinds.Inventory, groups[1].Changes);
    }

    [Fact]
    public void CallbacksAreNeverCoalesced()
    {
        var job = Guid.NewGuid();
        var groups = DeliveryPlanner.Group([Event(1, job, callbackUrl: "http://x/1"), Event(2, job, callbackUrl: "http://x/1")]);
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Single(g.Events));
    }

    [Theory]
    [InlineData(1, 0.0, 1000)]
    [InlineData(1, 1.0, 2000)]
    [InlineData(3, 1.0, 8000)]
    [InlineData(30, 1.0, 60000)]
    [InlineData(30, 0.0, 30000)]
    public void BackOffDoublesPerAttemptUpToTheCapWithJitter(int attempts, double unit, double expectedMs) =>
        Assert.Equal(expectedMs, Backoff.Delay(attempts, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), unit).TotalMilliseconds, 3);

    [Fact]
    public void TheSignatureIsTheHexHmacOfTheRawBodyAndVerifiesOnlyWithItsSecret()
    {
        var body = Encoding.UTF8.GetBytes("""{"event_id":"e"}""");
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), body));
        Assert.Equal(expected, WebhookSignature.Sign("s3cret", body));
        Assert.True(WebhookSignature.Verify("s3cret", body, expected));
        Assert.False(WebhookSignature.Verify("other", body, expected));
        Assert.False(WebhookSignature.Verify("s3cret", [.. body, (byte)' '], expected));
        Assert.False(WebhookSignature.Verify("s3cret", body, null));
    }

    [Fact]
    public void AWebhookBodyCarriesTheEventIdTypeTimeAndTheProductsState()
    {
        var id = Guid.NewGuid();
        var product = new DeliveredProduct(Guid.NewGuid(), 7, 2, "store:S1", "tee", false, null,
            new CanonicalProduct { ProductName = "Tee", Variants = [new CanonicalVariant { Sku = "T-1", BasePrice = 9.5m }] }, []);
        var item = new DeliveryItem(id, "product.updated", new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), ChangeKinds.Price, product, null, null);
        using var json = JsonDocument.Parse(WebhookBody.Create(item));
        var root = json.RootElement;
        Assert.Equal(id.ToString(), root.GetProperty("event_id").GetString());
        Assert.Equal("product.updated", root.GetProperty("type").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), root.GetProperty("occurred_at").GetDateTimeOffset());
        Assert.Equal(7, root.GetProperty("product").GetProperty("number").GetInt64());
        Assert.Equal(9.5m, root.GetProperty("product").GetProperty("variants")[0].GetProperty("base_price").GetDecimal());
    }

    [Fact]
    public void ACallbackBodyCarriesTheJobsOwnPayload()
    {
        var item = new DeliveryItem(Guid.NewGuid(), "ingest_job.completed", DateTimeOffset.UnixEpoch, ChangeKinds.None, null, "http://x", """{"job_id":"5","status":"completed"}""");
        using var json = JsonDocument.Parse(WebhookBody.Create(item));
        Assert.Equal("completed", json.RootElement.GetProperty("job").GetProperty("status").GetString());
        Assert.False(json.RootElement.TryGetProperty("product", out _));
    }
}
