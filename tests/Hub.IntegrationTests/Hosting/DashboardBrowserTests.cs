using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Api.Auth;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CatalogHub.IntegrationTests.Hosting;

/// <summary>
/// What an operator sees in a real browser (Debian's headless Chromium driven by Playwright): the dashboard
/// of a two-silo cluster and the API reference. The screenshots are kept in <c>docs/images/</c> (see <see cref="ScreenshotPath"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(HeadlessChromium browser, TwoSiloCluster cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // Each test then waits for the content it checks, so a navigation need not wait for every subresource.
    private static readonly PageGotoOptions DomReady = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    [Fact]
    public async Task TheDashboardShowsBothSilosOfTheCluster()
    {
        var time = Stopwatch.StartNew();
        string[] silos = [$"127.0.0.1:{cluster.First.SiloPort}", $"127.0.0.1:{cluster.Second.SiloPort}"];

        // The second silo needs a few seconds to appear in the first one's view of the cluster.
        var counters = await WaitForActiveSilosAsync(cluster.First.BaseAddress, cluster.AdminKey, expected: 2);
        output.WriteLine($"{time.Elapsed}: the dashboard counts 2 active silos");
        var hosts = counters.GetProperty("hosts").EnumerateArray().ToList();
        Assert.All(hosts, h => Assert.Equal("Active", h.GetProperty("status").GetString()));
        Assert.Equal(silos.Order(), hosts.Select(h => h.GetProperty("siloAddress").GetString()!.Split('@')[0]).Order());

        await using var context = await browser.NewContextAsync(height: 1240);
        await context.AddCookiesAsync(
        [
            new Cookie { Name = ApiKeyAuthenticationHandler.CookieName, Value = cluster.AdminKey, Url = cluster.First.BaseAddress.ToString() },
        ]);
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page, cluster.First.BaseAddress);

        var response = await page.GotoAsync(new Uri(cluster.First.BaseAddress, "/dashboard/").ToString(), DomReady);
        Assert.Equal(200, response?.Status);
        output.WriteLine($"{time.Elapsed}: /dashboard/ loaded");

        // The overview's "Active Silos" card (CSS upper-cases its title, so compare textContent).
        await page.WaitForFunctionAsync(
            """
            () => [...document.querySelectorAll('.info-box')].some(box =>
                box.querySelector('.info-box-text')?.textContent.trim() === 'Active Silos'
                && box.querySelector('.info-box-number')?.textContent.trim() === '2')
            """,
            null,
            new PageWaitForFunctionOptions { Timeout = (float)Deadline.TotalMilliseconds });
        Assert.DoesNotContain("Loading...", await page.InnerTextAsync("body"));
        output.WriteLine($"{time.Elapsed}: the overview shows 2 active silos");

        await page.WaitForTimeoutAsync(1000); // let the charts finish their first animation
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("dashboard.png") });

        // The Silos page lists each of them by address (shown as address:port@generation).
        await page.GotoAsync(new Uri(cluster.First.BaseAddress, "/dashboard/#/silos").ToString(), DomReady);
        await page.WaitForFunctionAsync(
            "silos => silos.every(s => document.body.textContent.includes(s + '@'))",
            silos,
            new PageWaitForFunctionOptions { Timeout = (float)Deadline.TotalMilliseconds });
        output.WriteLine($"{time.Elapsed}: the Silos page lists {string.Join(" and ", silos)}");
        await page.SetViewportSizeAsync(1280, 640);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("dashboard-silos.png") });

        AssertNone(problems);
    }

    [Fact]
    public async Task TheApiReferenceRendersTheApi()
    {
        var time = Stopwatch.StartNew();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page, cluster.First.BaseAddress);
        var requested = new List<string>();
        page.Request += (_, r) =>
        {
            lock (requested)
            {
                requested.Add(r.Url);
            }
        };

        var response = await page.GotoAsync(new Uri(cluster.First.BaseAddress, "/docs").ToString(), DomReady);
        Assert.Equal(200, response?.Status);
        output.WriteLine($"{time.Elapsed}: /docs loaded");

        // "API keys" is the tag of /api/keys: it only appears once Scalar has loaded and rendered the OpenAPI document.
        await page.GetByText("API keys").First.WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Deadline.TotalMilliseconds });
        output.WriteLine($"{time.Elapsed}: the API reference shows the API keys tag");
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("api-docs.png") });

        lock (requested)
        {
            output.WriteLine("Requested:\n" + string.Join('\n', requested));
            Assert.Contains(new Uri(cluster.First.BaseAddress, "/openapi/v1.json").ToString(), requested);
        }

        AssertNone(problems);
    }

    /// <summary>Polls the dashboard's counters until they report <paramref name="expected"/> active silos.</summary>
    private static async Task<JsonElement> WaitForActiveSilosAsync(Uri silo, string adminKey, int expected)
    {
        using var client = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var deadline = Stopwatch.StartNew();
        var last = default(JsonElement);
        while (deadline.Elapsed < Deadline)
        {
            try
            {
                last = await client.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters");
                if (last.GetProperty("totalActiveHostCount").GetInt32() == expected)
                {
                    return last;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // One slow or refused answer while the cluster settles: ask again within the deadline.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The dashboard did not report {expected} active silos within {Deadline}: {last}");
    }

    /// <summary>
    /// Collects what would show as an error in the browser: failed requests and error statuses from the hub,
    /// script errors. Requests elsewhere (Scalar's web fonts) are blocked by <see cref="HeadlessChromium"/>.
    /// </summary>
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

        bool FromHub(string url) => new Uri(url).Authority == hub.Authority;
        var clock = Stopwatch.StartNew();

        // A trace of every request, shown only when the test fails: what the page waited on, and for how long.
        page.Request += (_, r) => output.WriteLine($"{clock.Elapsed}: → {r.Method} {r.Url}");
        page.RequestFinished += (_, r) => output.WriteLine($"{clock.Elapsed}: ← {r.Method} {r.Url}");
        page.Crash += (_, _) => Add("the page crashed");
        page.RequestFailed += (_, r) =>
        {
            if (FromHub(r.Url))
            {
                Add($"request failed: {r.Method} {r.Url} ({r.Failure})");
            }
            else
            {
                output.WriteLine($"blocked: {r.Method} {r.Url}");
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                Add($"HTTP {r.Status}: {r.Request.Method} {r.Url}");
            }
        };
        page.PageError += (_, e) => Add($"script error: {e}");
        page.Console += (_, m) =>
        {
            // A failed load is also a console error; the handlers above already judged those.
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Add($"console error: {m.Text}");
            }
        };
        return problems;
    }

    private static void AssertNone(List<string> problems)
    {
        lock (problems)
        {
            Assert.Empty(problems);
        }
    }

    /// <summary>
    /// Screenshots go to the test output; with HUB_UPDATE_SCREENSHOTS=1 they replace the ones in docs/images/,
    /// so an ordinary test run leaves the working tree clean.
    /// </summary>
    internal static string ScreenshotPath(string name)
    {
        var images = Environment.GetEnvironmentVariable("HUB_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(SiloProcess.RepositoryRoot(), "docs", "images")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(images);
        return Path.Combine(images, name);
    }
}

/// <summary>
/// The browser tests (dashboard, console) share one browser and one two-silo cluster, and run one after another:
/// a second cluster beside the first only slowed both on a shared machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<HeadlessChromium>, ICollectionFixture<TwoSiloCluster>
{
    public const string Name = "Browser";
}

/// <summary>Two silo processes on one database with one cluster id: one cluster, as in production. The first runs the demo supplier.</summary>
public sealed class TwoSiloCluster : IAsyncLifetime
{
    public string AdminKey { get; } = ApiKeySecret.Generate();

    public SiloProcess First { get; private set; } = null!;

    public SiloProcess Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = await TestPostgres.InstanceAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Hub__ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Hub__BootstrapAdminKey"] = AdminKey,
        };
        // The first silo also runs the demo supplier (its simulator in-process), which the console's browser test imports.
        First = SiloProcess.Start(new Dictionary<string, string?>(environment) { ["Hub__Demo__Enabled"] = "true" });
        Second = SiloProcess.Start(environment);
        try
        {
            await Task.WhenAll(First.WaitHealthyAsync(), Second.WaitHealthyAsync());
        }
        catch
        {
            First.Kill();
            Second.Kill();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(
            First?.DisposeAsync().AsTask() ?? Task.CompletedTask,
            Second?.DisposeAsync().AsTask() ?? Task.CompletedTask);
    }
}

/// <summary>
/// Debian's Chromium (<c>apt-get install -y chromium</c>) driven by Playwright's bundled driver; Playwright's
/// own browser download is not used. The flags and the routing keep Chromium off the network except for the
/// hub under test.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    private const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: the browser tests need Debian's Chromium. Install it with `apt-get install -y chromium`.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage",

                // Off the network except for the hub under test: every other host name fails to resolve inside
                // Chromium itself, so no request waits on a handler in this process (routing every request
                // through Playwright did, and a busy test run starved it).
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        });
    }

    /// <summary>A fresh context; the launch flags keep it off every host but the loopback hub.</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
