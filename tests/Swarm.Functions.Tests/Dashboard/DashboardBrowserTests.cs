using System.Net;
using Microsoft.Playwright;
using Swarm.Functions.Http;
using Swarm.Functions.Tests.Http;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser (Debian's chromium driven by Playwright) over the real app: it loads without
/// console errors, shows a sweep submitted through the API until it reaches 100%, charts its series, lists an
/// instance's history, plots a run's data, and offers no cancel to a Read token. Screenshots go to artifacts/dashboard.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    // Three factors: the third becomes coloured series, so the chart has a legend and toggles to test.
    private const string Sweep = """
        { "model": "schelling", "parameters": { "width": 14, "height": 14, "agents": 120 },
          "design": { "type": "grid", "factors": { "minToBeHappy": [2, 3, 4], "radius": [1, 2], "torus": [true, false] } },
          "replicates": 3, "seed": 8, "steps": 6, "metrics": ["happyFraction", "moved"] }
        """;

    private static readonly string Screenshots = Path.Combine(RepositoryRoot.Path, "artifacts", "dashboard");
    private ApiHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        var chromium = SystemChromium.Require();
        _host = await ApiHost.StartEmbeddedAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Dashboard_ShowsASubmittedSweepToTheEndWithItsChartTimelineAndRun()
    {
        var page = await OpenAsync(_host.Token(), out var problems);
        await Expect(page.Locator("#who")).ToContainTextAsync("Swarm.Admin");

        using (var submitted = await _host.SendAsync(HttpMethod.Post, "/api/sweeps", _host.Token(), Sweep, r => r.Headers.Add("Idempotency-Key", "dash-sweep")))
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        }

        using (var run = await _host.SendAsync(HttpMethod.Post, "/api/simulations", _host.Token(), """{ "model": "boltzmann", "preset": "small", "steps": 40 }""", r => r.Headers.Add("Idempotency-Key", "dash-run")))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        var row = page.Locator("#sweeps tr[data-id='dash-sweep']");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(row).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 120_000 });
        await Expect(row.Locator("td.progress")).ToHaveAttributeAsync("data-percent", "100");
        await Expect(row.Locator("td.progress")).ToContainTextAsync("36/36 (100%)");

        await row.ClickAsync();
        var chart = page.Locator("#chart svg");
        await Expect(chart).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var series = await chart.Locator("g.series").EvaluateAllAsync<string[]>("gs => [...new Set(gs.map(g => g.dataset.series))]");
        Assert.Equal(["torus=true", "torus=false"], series);
        Assert.Equal(12, await chart.Locator("circle").CountAsync());
        await Expect(page.Locator("#summary tbody tr")).ToHaveCountAsync(12);

        try
        {
            await chart.Locator("circle").First.HoverAsync(new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "failure.png"), FullPage = true });
            throw;
        }

        await Expect(page.Locator("#tooltip")).ToContainTextAsync("happyFraction");
        await page.Locator("#series-toggles input[data-series='torus=false']").UncheckAsync();
        Assert.Equal(6, await chart.Locator("g.series:visible circle").CountAsync());
        await page.Locator("#series-toggles input[data-series='torus=false']").CheckAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "sweep.png"), FullPage = true });

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".downloads button[data-format='csv']").ClickAsync());
        Assert.Equal("dash-sweep-summary.csv", download.SuggestedFilename);
        Assert.StartsWith("point,minToBeHappy,radius,torus", await File.ReadAllTextAsync((await download.PathAsync())!), StringComparison.Ordinal);

        await page.Locator("#instances tr[data-id='dash-sweep']").ClickAsync();
        var timeline = page.Locator("#timeline li");
        await Expect(timeline.First).ToContainTextAsync("ExecutionStarted ProvisionSweep", new() { Timeout = 30_000 });
        await Expect(page.Locator("#timeline li[data-event='SubOrchestrationInstanceCreated']")).ToContainTextAsync("ParameterSweep");
        await Expect(page.Locator("#timeline li[data-event='ExecutionCompleted']")).ToContainTextAsync("Completed");
        await page.Locator("#instances-section").ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "timeline.png") });

        var runRow = page.Locator("#runs tr[data-id='dash-run']");
        await Expect(runRow.Locator("td.status")).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        await runRow.ClickAsync();
        await Expect(page.Locator("#run-chart polyline[data-reporter='gini']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.Locator("#runs-section").ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "run.png") });

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Dashboard_ReadToken_SeesSweepsButCannotCancelOrTerminate()
    {
        using (var submitted = await _host.SendAsync(HttpMethod.Post, "/api/sweeps", _host.Token(), Sweep, r => r.Headers.Add("Idempotency-Key", "read-sweep")))
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        }

        var page = await OpenAsync(_host.Token(Functions.Hosting.SwarmRoles.Read), out var problems);

        var row = page.Locator("#sweeps tr[data-id='read-sweep']");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#who")).ToContainTextAsync("Swarm.Read");
        await Expect(row.Locator("button.cancel")).ToBeDisabledAsync();
        await Expect(row.Locator("button.cancel")).ToHaveAttributeAsync("title", "Needs the Swarm.Write role");
        await Expect(page.Locator("#instances tr[data-id='read-sweep'] button.terminate")).ToBeDisabledAsync();

        // The API says the same as the page: a Read token's cancel is refused.
        using var refused = await _host.SendAsync(HttpMethod.Post, "/api/sweeps/read-sweep/cancel", _host.Token(Functions.Hosting.SwarmRoles.Read));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "read-token.png"), FullPage = true });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    // A fresh page signed in through the link `swarm serve` prints (/ redirects to the dashboard; the token rides in the fragment).
    private Task<IPage> OpenAsync(string token, out List<string> problems)
    {
        var found = new List<string>();
        problems = found;
        return Open();

        async Task<IPage> Open()
        {
            var context = await _browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    lock (found)
                    {
                        found.Add($"console {message.Type}: {message.Text}");
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                lock (found)
                {
                    found.Add($"page error: {error}");
                }
            };
            var response = await page.GotoAsync($"{_host.Client.BaseAddress}#token={token}");
            Assert.Equal(200, response!.Status);
            Assert.EndsWith(DashboardFunction.Path, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            return page;
        }
    }
}
