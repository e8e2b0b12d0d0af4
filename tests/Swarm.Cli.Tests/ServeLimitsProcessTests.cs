using System.Net;
using System.Text;
using Swarm.Testing;

namespace Swarm.Cli.Tests;

/// <summary><c>swarm serve</c> takes its rate and body limits from the <c>Swarm__*</c> settings, and its options override them.</summary>
public sealed class ServeLimitsProcessTests
{
    // A valid job padded past 2 KiB with whitespace, so only the size decides whether it is taken.
    private static readonly string PaddedJob = SampleJobs.Simulation + new string(' ', 3000);

    private static readonly Dictionary<string, string> Limits = new()
    {
        ["Swarm__RateLimitPermitsPerMinute"] = "2",
        ["Swarm__MaxRequestBodyBytes"] = "2048",
    };

    [Fact]
    public async Task Serve_LimitSettings_BodyOverTheSettingIs413AndTheThirdRequestIs429()
    {
        await using var serve = await ServeProcess.StartAsync(Limits);

        using var tooLarge = await PostAsync(serve, "serve-limits-large");
        using var allowed = await serve.Client.GetAsync(new Uri("/api/models", UriKind.Relative));
        using var refused = await serve.Client.GetAsync(new Uri("/api/models", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.StartsWith("The rate limit is at most 2 requests per 1 minute per caller; retry in ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Serve_OptionsAndSettings_TheOptionsWin()
    {
        await using var serve = await ServeProcess.StartAsync(Limits, "--rate-limit", "3", "--max-body-bytes", "4096");

        using var taken = await PostAsync(serve, "serve-limits-taken");
        using var second = await serve.Client.GetAsync(new Uri("/api/models", UriKind.Relative));
        using var third = await serve.Client.GetAsync(new Uri("/api/models", UriKind.Relative));
        using var refused = await serve.Client.GetAsync(new Uri("/api/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.StartsWith("The rate limit is at most 3 requests per 1 minute per caller", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(ServeProcess serve, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/simulations") { Content = new StringContent(PaddedJob, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", id);
        return await serve.Client.SendAsync(request);
    }
}
