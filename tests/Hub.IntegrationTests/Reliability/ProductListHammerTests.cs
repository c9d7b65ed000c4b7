using System.Net;
using Xunit.Abstractions;

namespace CatalogHub.IntegrationTests.Reliability;

/// <summary>
/// Product lists with many different filter combinations, in parallel: each combination is its own SQL text, so the
/// connections' auto-prepared statements are replaced again and again (Max Auto Prepare 64). A previous run saw an
/// intermittent 500 here (InvalidCastException Guid/bigint reading a list row).
/// </summary>
public class ProductListHammerTests(ReliabilityHub hub, ITestOutputHelper output) : IClassFixture<ReliabilityHub>
{
    [Fact]
    public async Task ListsWithEveryFilterCombinationNeverFail()
    {
        var supplier = Guid.NewGuid();
        var category = await hub.InsertCategoryAsync("Hammer");
        for (var i = 0; i < 5; i++)
        {
            await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, $"H-{i}", brand: "Brand"));
        }

        var customer = await hub.InsertCustomerAsync();
        string[] filters =
        [
            $"supplier_id={supplier}", $"category_id={category}", $"customer_id={customer}", "brand=Brand", "q=tee", "archived=false",
            "store_number=0001", "discontinued=false", "skip=1",
        ];
        string[] limits = ["", "limit=0", "limit=3"];
        var random = new Random(7);
        var queries = Enumerable.Range(0, 600)
            .Select(_ => string.Join('&', filters.Where(_ => random.Next(2) == 0).Append(limits[random.Next(limits.Length)]).Where(f => f.Length > 0)))
            .ToList();
        using var client = hub.Client();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var abandoned = 0;
        await Parallel.ForEachAsync(queries.Select((q, i) => (q, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
        {
            var (query, i) = item;
            if (i % 4 == 0)
            {
                // Clients that give up mid-request: the server's query is cancelled with its connection in use.
                using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(i % 20));
                try
                {
                    using var _ = await client.GetAsync($"/api/products?{query}", impatient.Token);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref abandoned);
                }

                return;
            }

            using var response = await client.GetAsync($"/api/products?{query}", ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                failures.Add($"{query}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
            }
        });
        output.WriteLine($"{queries.Count} lists over {queries.Distinct().Count()} filter combinations ({abandoned} abandoned by the client), {failures.Count} failed");
        foreach (var line in hub.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).Take(3))
        {
            output.WriteLine(line.Length > 3000 ? line[..3000] : line);
        }

        Assert.DoesNotContain(hub.Logs.Lines, l => l.Contains("InvalidCastException", StringComparison.Ordinal));
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
    }
}
