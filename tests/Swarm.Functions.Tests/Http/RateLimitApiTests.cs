using System.Net;
using Swarm.Functions.Hosting;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

public sealed class RateLimitApiTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartEmbeddedAsync(rateLimitPermits: 3);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Requests_OverTheCallersLimit_Are429WithRetryAfter_OtherCallersUnaffected()
    {
        var greedy = _api.TokenFor("greedy", SwarmRoles.Read);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _api.SendAsync(HttpMethod.Get, "/api/models", greedy);
            statuses.Add(response.StatusCode);
        }

        using var refused = await _api.SendAsync(HttpMethod.Get, "/api/models", greedy);
        using var other = await _api.SendAsync(HttpMethod.Get, "/api/models", _api.TokenFor("patient", SwarmRoles.Read));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Refusal_ProblemHasTheRfc6585TypeAndAReadableDetail()
    {
        var token = _api.TokenFor("counted", SwarmRoles.Read);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await _api.SendAsync(HttpMethod.Get, "/api/models", token);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await _api.SendAsync(HttpMethod.Get, "/api/models", token);

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        var seconds = (long)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.Equal(
            $"The rate limit is at most 3 requests per 1 hour per caller; retry in {seconds} s.",
            problem.GetProperty("detail").GetString());
    }
}
