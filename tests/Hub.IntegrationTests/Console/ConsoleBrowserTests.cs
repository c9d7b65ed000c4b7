using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CatalogHub.IntegrationTests.Hosting;
using CatalogHub.Silo.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CatalogHub.IntegrationTests.Console;

/// <summary>
/// The operator console in a real browser (Debian's headless Chromium driven by Playwright) against a two-silo
/// cluster whose first silo runs the demo supplier. Screenshots: <c>docs/images/console-*.png</c> with
/// HUB_UPDATE_SCREENSHOTS=1 (see <see cref="DashboardBrowserTests.ScreenshotPath"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleBrowserTests(HeadlessChromium browser, TwoSiloCluster cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>The demo import of 500 products, on two cores shared with the rest of the test run.</summary>
    private static readonly TimeSpan ImportDeadline = TimeSpan.FromSeconds(150);

    private static readonly PageGotoOptions DomReady = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    private readonly Stopwatch _time = Stopwatch.StartNew();

    [Fact]
    public async Task AReadKeySeesThePagesButNoActionButtons()
    {
        var key = await CreateKeyAsync("read");
        await using var context = await browser.NewContextAsync();
        var page = await SignInAsync(context, cluster.First.BaseAddress, key);
        var problems = WatchForProblems(page, cluster.First.BaseAddress);

        await Expect(page.Locator("header .who")).ToContainTextAsync("read only");
        // The overview is live: the second silo shows up without a reload.
        await Expect(page.GetByTestId("silo-count")).ToHaveTextAsync("2", new() { Timeout = (float)Deadline.TotalMilliseconds });
        Log("the overview shows both silos");

        await page.GotoAsync(Url(cluster.First.BaseAddress, "/console/suppliers"), DomReady);
        await Expect(page.Locator($"tr[data-supplier='{DemoSupplierRegistration.Name}']")).ToBeVisibleAsync(new() { Timeout = (float)Deadline.TotalMilliseconds });
        Assert.Equal(0, await page.Locator("main button, main form[method=post]").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Columnheader, new() { Name = "Start an import" }).CountAsync());
        Log("the suppliers page lists the demo supplier without import buttons");

        foreach (var path in new[] { "/console/sync-jobs", "/console/products", "/console/ingest-jobs", "/console/outbox" })
        {
            var response = await page.GotoAsync(Url(cluster.First.BaseAddress, path), DomReady);
            Assert.Equal(200, response?.Status);
            Assert.Equal(0, await page.Locator("main form[method=post]").CountAsync());
        }

        await Expect(page.GetByTestId("outbox-backlog")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = DashboardBrowserTests.ScreenshotPath("console-outbox.png"), FullPage = true });

        // A feed that fails validation is kept: the feed-imports page shows why and offers it for download.
        var catalog = $"store:{Random.Shared.Next(10_000, 99_999)}";
        using (var api = HubClients.For(cluster.First.BaseAddress, cluster.AdminKey))
        {
            using var feed = new StringContent("{\"key\":\"tee\",\"name\":\"Tee\",\"variants\":[{\"sku\":\"T-1\",\"price\":1}]}\n{\"key\":", System.Text.Encoding.UTF8, "application/x-ndjson");
            var failed = await api.PostAsync($"/api/v1/catalogs/{catalog}/imports?type=full&blockingTimeout=PT20S", feed);
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }

        await page.GotoAsync(Url(cluster.First.BaseAddress, $"/console/feed-imports?catalog={Uri.EscapeDataString(catalog)}"), DomReady);
        await Expect(page.GetByText("INVALID_FEED")).ToBeVisibleAsync();
        var kept = await DownloadAsync(page, "Download feed");
        Assert.StartsWith("{\"key\":\"tee\"", kept, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = DashboardBrowserTests.ScreenshotPath("console-feed-imports.png"), FullPage = true });
        Log("the outbox and feed-import pages show, and the failed feed downloads");

        AssertNone(problems);
    }

    [Fact]
    public async Task AnAdminImportsTheDemoCatalogWatchesItsProgressAndOpensOneOfItsProducts()
    {
        // Browse the second silo: the demo supplier and its simulator live in the first one's process.
        var hub = cluster.Second.BaseAddress;
        await using var context = await browser.NewContextAsync(height: 900);
        var page = await SignInAsync(context, hub, cluster.AdminKey);

        // An import the hub refuses (409: the supplier has no adapter) says why, on the page, with the status.
        var adapterless = $"Console no adapter {Guid.NewGuid():N}";
        using (var api = HubClients.For(hub, cluster.AdminKey))
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/suppliers", new { name = adapterless })).StatusCode);
        }

        await page.GotoAsync(Url(hub, "/console/suppliers"), DomReady);
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = $"Start delta import of {adapterless}" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(409, refused.Status);
        await Expect(page.GetByTestId("outcome")).ToContainTextAsync("has no adapter");
        Log("a refused import shows the hub's reason");

        var problems = WatchForProblems(page, hub);
        await page.GotoAsync(Url(hub, "/console"), DomReady);
        await Expect(page.GetByTestId("silo-count")).ToHaveTextAsync("2", new() { Timeout = (float)Deadline.TotalMilliseconds });

        await page.GotoAsync(Url(hub, "/console/suppliers"), DomReady);
        var start = page.GetByRole(AriaRole.Button, new() { Name = $"Start full_sellable import of {DemoSupplierRegistration.Name}" });
        await Expect(start).ToBeVisibleAsync(new() { Timeout = (float)Deadline.TotalMilliseconds });
        await page.ScreenshotAsync(new() { Path = DashboardBrowserTests.ScreenshotPath("console-suppliers.png"), FullPage = true });
        await start.ClickAsync();

        // Started: the console goes to the new job's page, where the progress bar follows the job live.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/sync-jobs/[0-9a-f-]{36}$"), new() { Timeout = (float)Deadline.TotalMilliseconds });
        var live = page.GetByTestId("sync-job-live");
        var first = await live.GetAttributeAsync("data-status");
        Log($"the job page opened with the job {first}");
        Assert.Contains(first, new[] { "pending", "running" });

        // The overview meanwhile (the README's picture): whatever it shows of the import by now.
        var overview = await context.NewPageAsync();
        await overview.GotoAsync(Url(hub, "/console"), DomReady);
        await Expect(overview.GetByTestId("silo-count")).ToHaveTextAsync("2", new() { Timeout = (float)Deadline.TotalMilliseconds });
        await overview.ScreenshotAsync(new() { Path = DashboardBrowserTests.ScreenshotPath("console-overview.png"), FullPage = true });
        await overview.CloseAsync();
        await Expect(page.Locator("[role=progressbar]")).ToHaveAttributeAsync("aria-valuenow", "100", new() { Timeout = (float)ImportDeadline.TotalMilliseconds });
        await Expect(live).ToHaveAttributeAsync("data-status", "success", new() { Timeout = (float)Deadline.TotalMilliseconds });
        Log("the progress bar reached 100 % and the job succeeded, without a reload");
        await page.ScreenshotAsync(new() { Path = DashboardBrowserTests.ScreenshotPath("console-sync-job.png"), FullPage = true });

        await page.GotoAsync(Url(hub, "/console/sync-jobs"), DomReady);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "import:full_sellable" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = DashboardBrowserTests.ScreenshotPath("console-sync-jobs.png"), FullPage = true });

        // Find one of its products: filter the list by the supplier and open the first.
        await page.GotoAsync(Url(hub, "/console/products"), DomReady);
        await page.GetByLabel("Supplier").SelectOptionAsync(new SelectOptionValue { Label = DemoSupplierRegistration.Name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("supplier_id=[0-9a-f-]{36}"));
        var product = page.Locator("main tbody tr td a").First;
        await Expect(product).ToBeVisibleAsync();
        var name = (await product.TextContentAsync())!.Trim();
        await page.ScreenshotAsync(new() { Path = DashboardBrowserTests.ScreenshotPath("console-products.png") });
        await product.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("table.tiers").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Archive" })).ToBeVisibleAsync();
        Log($"the product page of '{name}' shows variants with tiered prices");
        await page.ScreenshotAsync(new() { Path = DashboardBrowserTests.ScreenshotPath("console-product.png") });

        AssertNone(problems);
    }

    [Fact]
    public async Task AnIngestionJobWithFailuresOffersExactlyTheFailedEntriesForDownload()
    {
        var hub = cluster.First.BaseAddress;
        using var api = HubClients.For(hub, cluster.AdminKey);
        var store = $"c{Random.Shared.Next(100_000, 999_999)}";
        (await api.PostAsJsonAsync("/api/v1/admin/stores", new { store_number = store, name = "Console test store" })).EnsureSuccessStatusCode();
        var failed = new JsonArray(
            new JsonObject { ["entry_id"] = "no-title", ["data"] = new JsonObject { ["vendor"] = "Acme, \"Quoted\"", ["variants"] = new JsonArray() } },
            new JsonObject { ["entry_id"] = "empty-title", ["data"] = new JsonObject { ["title"] = "" } });
        var entries = new JsonArray(
            new JsonObject { ["entry_id"] = "good", ["data"] = new JsonObject { ["title"] = "Console Tee", ["variants"] = new JsonArray(new JsonObject { ["sku"] = $"{store}-TEE", ["price"] = 10.5 }) } },
            failed[0]!.DeepClone(), failed[1]!.DeepClone());
        var answer = await api.PostAsJsonAsync($"/api/v1/ingest/products/{store}", new JsonObject { ["entries"] = entries });
        Assert.Equal(HttpStatusCode.MultiStatus, answer.StatusCode); // some entries failed
        var job = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!;

        await using var context = await browser.NewContextAsync();
        var page = await SignInAsync(context, hub, cluster.AdminKey);
        var problems = WatchForProblems(page, hub);
        await page.GotoAsync(Url(hub, "/console/ingest-jobs?failures=true"), DomReady);
        await page.ScreenshotAsync(new() { Path = DashboardBrowserTests.ScreenshotPath("console-ingest-jobs.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = $"#{job}", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("failed-count")).ToHaveTextAsync("2");
        await page.ScreenshotAsync(new() { Path = DashboardBrowserTests.ScreenshotPath("console-ingest-job.png"), FullPage = true });

        var json = await DownloadAsync(page, "Download failed entries (JSON)");
        var envelope = JsonNode.Parse(json)!.AsObject();
        Assert.Single(envelope);
        Assert.True(JsonNode.DeepEquals(failed, envelope["entries"]), $"The JSON download holds other entries: {json}");

        var csv = await DownloadAsync(page, "Download failed entries (CSV)");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("entry_id,data,error_type,error_field,error_message", lines[0]);
        Assert.StartsWith("no-title,\"{\"\"vendor\"\":\"\"Acme, \\\"\"Quoted\\\"\"\"\",\"\"variants\"\":[]}\",validation,title,", lines[1]);
        Assert.StartsWith("empty-title,\"{\"\"title\"\":\"\"\"\"}\",validation,title,", lines[2]);
        Log("both downloads hold exactly the two failed entries");

        AssertNone(problems);
    }

    private async Task<string> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        Assert.Null(await download.FailureAsync());
        return await File.ReadAllTextAsync((await download.PathAsync())!);
    }

    /// <summary>Opens <c>/console</c>, is sent to <c>/signin</c>, pastes the key and comes back to the console.</summary>
    private async Task<IPage> SignInAsync(IBrowserContext context, Uri hub, string key)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url(hub, "/console"), DomReady);
        Assert.Equal(Url(hub, "/signin?returnUrl=%2Fconsole"), page.Url);
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(Url(hub, "/console"), new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        Log($"signed in at {hub}");
        return page;
    }

    private async Task<string> CreateKeyAsync(params string[] scopes)
    {
        using var admin = HubClients.For(cluster.First.BaseAddress, cluster.AdminKey);
        var response = await admin.PostAsJsonAsync("/api/keys", new { name = $"console {string.Join('+', scopes)}", scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static string Url(Uri hub, string path) => new Uri(hub, path).ToString();

    /// <summary>
    /// Playwright's expectation with a 30 s default instead of 5 s: each page is rendered by another silo process on a
    /// machine the rest of the suite keeps busy.
    /// </summary>
    private static ILocatorAssertions Expect(ILocator locator)
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        return Assertions.Expect(locator);
    }

    private void Log(string what) => output.WriteLine($"{_time.Elapsed}: {what}");

    /// <summary>Error answers of the hub, failed requests to it and script errors; other hosts (product images) are off the network.</summary>
    private List<string> WatchForProblems(IPage page, Uri hub)
    {
        var problems = new List<string>();
        void Add(string problem)
        {
            output.WriteLine(problem);
            lock (problems)
            {
                problems.Add(problem);
            }
        }

        bool FromHub(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Authority == hub.Authority;
        page.RequestFailed += (_, r) =>
        {
            if (FromHub(r.Url) && r.Failure != "net::ERR_ABORTED")
            {
                Add($"request failed: {r.Method} {r.Url} ({r.Failure})");
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && FromHub(r.Url))
            {
                Add($"HTTP {r.Status}: {r.Request.Method} {r.Url}");
            }
        };
        page.PageError += (_, e) => Add($"script error: {e}");
        return problems;
    }

    private static void AssertNone(List<string> problems)
    {
        lock (problems)
        {
            Assert.Empty(problems);
        }
    }
}
