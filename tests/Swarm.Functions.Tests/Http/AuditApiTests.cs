using System.Net;
using Swarm.Functions.Audit;
using Swarm.Functions.Hosting;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

public sealed class AuditApiTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartEmbeddedAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Writes_AreAuditedWithWhoWhatAndOutcome_ReadsAreNot()
    {
        using var submitted = await _api.SendAsync(HttpMethod.Post, "/api/simulations", _api.TokenFor("alice", SwarmRoles.Write), SampleJobs.Simulation, r => r.Headers.Add("Idempotency-Key", "audited-run"));
        using var refused = await _api.SendAsync(HttpMethod.Post, "/runtime/webhooks/durabletask/instances/audited-run/terminate", _api.TokenFor("bob", SwarmRoles.Write));
        using var invalid = await _api.SendAsync(HttpMethod.Post, "/api/sweeps", _api.TokenFor("carol", SwarmRoles.Write), "{}");
        using var read = await _api.SendAsync(HttpMethod.Get, "/api/models", _api.TokenFor("dave", SwarmRoles.Read));
        using var anonymous = await _api.SendAsync(HttpMethod.Post, "/api/sweeps", json: "{}");

        var log = new AuditLog(_api.Swarm.Store.Records);
        var entries = await log.ReadAsync().ToListAsync();
        var verification = await log.VerifyAsync();

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal(
            [
                ("alice", "POST /api/simulations", "audited-run", 202),
                ("bob", "POST /runtime/webhooks/durabletask/instances/{id}/terminate", "audited-run", 403),
                ("carol", "POST /api/sweeps", "", 400),
            ],
            entries.Select(e => (e.Who, e.Action, e.Target, e.Outcome)));
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
