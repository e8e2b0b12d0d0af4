using System.Net;
using Swarm.Functions.Audit;
using Swarm.Functions.Hosting;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

public sealed class DurableStartAuditTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartEmbeddedAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task StartAndPurgeMany_AreAuditedWithTheInstanceOrNoTarget_ListIsNot()
    {
        using var named = await _api.SendAsync(HttpMethod.Post, "/runtime/webhooks/durabletask/orchestrators/Backup/audited-backup", _api.TokenFor("erin", SwarmRoles.Admin));
        using var generated = await _api.SendAsync(HttpMethod.Post, "/runtime/webhooks/durabletask/orchestrators/Backup", _api.TokenFor("erin", SwarmRoles.Admin));
        using var listed = await _api.SendAsync(HttpMethod.Get, "/runtime/webhooks/durabletask/instances", _api.TokenFor("frank", SwarmRoles.Read));
        using var purged = await _api.SendAsync(HttpMethod.Delete, "/runtime/webhooks/durabletask/instances?createdTimeFrom=2001-01-01T00:00:00Z&createdTimeTo=2001-01-02T00:00:00Z", _api.TokenFor("grace", SwarmRoles.Admin));

        var generatedId = (await ProblemAssert.JsonAsync(generated, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        var entries = await new AuditLog(_api.Swarm.Store.Records).ReadAsync().ToListAsync();

        Assert.Equal(HttpStatusCode.Accepted, named.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(
            [
                ("erin", "POST /runtime/webhooks/durabletask/orchestrators/{functionName}/{id?}", "audited-backup", 202),
                ("erin", "POST /runtime/webhooks/durabletask/orchestrators/{functionName}/{id?}", generatedId, 202),
                ("grace", "DELETE /runtime/webhooks/durabletask/instances", "", 404),
            ],
            entries.Select(e => (e.Who, e.Action, e.Target, e.Outcome)));
    }
}
