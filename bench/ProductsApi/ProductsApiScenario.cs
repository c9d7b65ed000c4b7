using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Npgsql;

namespace CatalogHub.Bench.ProductsApi;

/// <summary>
/// The products API under load: N closed-loop clients (default 32) call one request kind each round — the
/// list with each filter, q + category_id, and the detail of random products — over HTTP against a running
/// hub, and report p50/p99 and throughput. Filter values come from the database the hub serves
/// (tools/CatalogSeeder's catalog), as explain.sql picks them.
/// </summary>
public sealed class ProductsApiScenario(Uri hub, string key, string connection, int clients, TimeSpan duration, TextWriter output)
{
    public async Task RunAsync()
    {
        var requests = await RequestsAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = hub };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        output.WriteLine($"{clients} clients, {duration.TotalSeconds:F0} s per request kind after 2 s of warm-up, {Environment.ProcessorCount} cores");
        output.WriteLine();
        output.WriteLine("| request | requests | req/s | p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, paths) in requests)
        {
            await LoadAsync(http, paths, TimeSpan.FromSeconds(2));
            var (latencies, elapsed) = await LoadAsync(http, paths, duration);
            latencies.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {latencies.Count} | {latencies.Count / elapsed.TotalSeconds:F0} | {Percentile(latencies, 0.50):F1} | {Percentile(latencies, 0.99):F1} | {latencies[^1]:F1} |"));
        }
    }

    private async Task<(List<double> Latencies, TimeSpan Elapsed)> LoadAsync(HttpClient http, string[] paths, TimeSpan length)
    {
        var all = new List<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = new List<double>();
            var random = new Random(c);
            while (clock.Elapsed < length)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(paths[random.Next(paths.Length)], HttpCompletionOption.ResponseContentRead);
                response.EnsureSuccessStatusCode();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            lock (all)
            {
                all.AddRange(mine);
            }
        })));
        return (all, clock.Elapsed);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private async Task<List<(string Name, string[] Paths)>> RequestsAsync()
    {
        await using var db = NpgsqlDataSource.Create(connection);
        async Task<string> One(string sql) => Convert.ToString(await db.CreateCommand(sql).ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
        var supplier = await One("SELECT supplier_id FROM products WHERE supplier_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        var customer = await One("SELECT customer_id FROM product_push_log GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        var root = await One("SELECT id FROM categories WHERE name = 'Apparel'");
        var leaf = await One("SELECT id FROM categories WHERE name = 'Apparel 2.3.1'");
        var ids = new List<string>();
        await using (var reader = await db.CreateCommand("SELECT id FROM products ORDER BY md5(id::text) LIMIT 1000").ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0).ToString());
            }
        }

        static string[] List(string query) => [$"/api/products?{query}"];
        return
        [
            ("list (no filter)", List("")),
            ("list supplier_id", List($"supplier_id={supplier}")),
            ("list category_id (root, 4 levels)", List($"category_id={root}")),
            ("list category_id (leaf)", List($"category_id={leaf}")),
            ("list customer_id", List($"customer_id={customer}")),
            ("list brand", List("brand=Port%20%26%20Company")),
            ("list q=hoodie", List("q=hoodie")),
            ("list q=carhartt", List("q=carhartt")),
            ("list q=0001234", List("q=0001234")),
            ("list q=hoodie + category_id", List($"q=hoodie&category_id={root}")),
            ("list archived=true", List("archived=true")),
            ("list store_number", List("store_number=0001")),
            ("list discontinued=true", List("discontinued=true")),
            ("list discontinued=false", List("discontinued=false")),
            ("list skip=5000", List("skip=5000")),
            ("detail (1,000 random ids)", [.. ids.Select(id => $"/api/products/{id}")]),
        ];
    }
}
