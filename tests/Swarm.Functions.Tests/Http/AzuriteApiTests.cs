using System.Net;
using Swarm.Functions.Audit;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SubmitStatusResults_OnAzurite_WorkEndToEnd()
    {
        await using var api = await ApiHost.StartAzureAsync(azurite.ConnectionString);

        using var health = await api.SendAsync(HttpMethod.Get, "/api/health");
        using var submitted = await api.PostAsync("/api/sweeps", SampleJobs.Sweep, idempotencyKey: "azure-sweep");
        using var again = await api.PostAsync("/api/sweeps", SampleJobs.Sweep, idempotencyKey: "azure-sweep");
        var status = await api.WaitForCompletionAsync("azure-sweep");
        using var csv = await api.GetAsync("/api/sweeps/azure-sweep/results?format=csv");
        using var unknown = await api.GetAsync("/api/runs/nobody");
        var audit = await new AuditLog(api.Swarm.Store.Records).VerifyAsync();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True((await ProblemAssert.JsonAsync(submitted, HttpStatusCode.Accepted)).GetProperty("created").GetBoolean());
        Assert.False((await ProblemAssert.JsonAsync(again, HttpStatusCode.Accepted)).GetProperty("created").GetBoolean());
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("density", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.True(audit.IsIntact, audit.Problem);
        Assert.Equal(2, audit.Entries);
    }
}
