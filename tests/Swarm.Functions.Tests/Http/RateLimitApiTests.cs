using System.Net;
using Swarm.Functions.Hosting;

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
}
