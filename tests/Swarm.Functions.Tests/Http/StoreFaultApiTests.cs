using System.Net;
using Swarm.Orchestrations.Sweeps;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

/// <summary>The API over a store on a disk that fills up: it says so (503, Retry-After, health), and recovers when space returns.</summary>
public sealed class StoreFaultApiTests
{
    [Fact]
    public async Task FullDisk_SubmissionsAre503WithRetryAfterAndHealthIsUnhealthyUntilSpaceReturns()
    {
        using var disk = SmallDisk.Mount(megabytes: 24);
        await using var host = await ApiHost.StartEmbeddedInAsync(Path.Combine(disk.Path, "data"));
        var token = host.Token();
        using (var healthy = await host.SendAsync(HttpMethod.Get, "/api/health"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        var ballast = disk.Fill();

        // SQLite may still have room inside its files (free pages, a reused WAL), so a write or two can land on a full
        // disk; once one needs new space it must be refused as 503, never answered 500.
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 40 && refused is null; i++)
        {
            var response = await host.SendAsync(HttpMethod.Post, "/api/sweeps", token, SampleJobs.Sweep, r => r.Headers.Add("Idempotency-Key", $"full-disk-{i}"));
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"submission {i} on a full disk: {(int)response.StatusCode}");
            refused = response.StatusCode == HttpStatusCode.ServiceUnavailable ? response : null;
        }

        Assert.NotNull(refused);
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("disk full", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        using var unhealthy = await host.SendAsync(HttpMethod.Get, "/api/health");
        var checks = (await ProblemAssert.IsProblemAsync(unhealthy, HttpStatusCode.ServiceUnavailable)).GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("stateStore").GetString());

        File.Delete(ballast);

        refused.Dispose();
        using var accepted = await host.SendAsync(HttpMethod.Post, "/api/sweeps", token, SampleJobs.Sweep, r => r.Headers.Add("Idempotency-Key", "full-disk-after"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var healthyAgain = await host.SendAsync(HttpMethod.Get, "/api/health");
        Assert.Equal(HttpStatusCode.OK, healthyAgain.StatusCode);
    }

    [Fact]
    public async Task IdempotencyKey_ReusedWithAnotherBody_Is422NamingTheKeyAndStartsNothing()
    {
        await using var host = await ApiHost.StartEmbeddedAsync();
        var token = host.Token();
        var other = SampleJobs.Sweep.Replace("\"seed\": 3", "\"seed\": 4", StringComparison.Ordinal);
        Assert.NotEqual(SampleJobs.Sweep, other);

        using var first = await host.SendAsync(HttpMethod.Post, "/api/sweeps", token, SampleJobs.Sweep, r => r.Headers.Add("Idempotency-Key", "key-17"));
        using var again = await host.SendAsync(HttpMethod.Post, "/api/sweeps", token, SampleJobs.Sweep, r => r.Headers.Add("Idempotency-Key", "key-17"));
        using var reused = await host.SendAsync(HttpMethod.Post, "/api/sweeps", token, other, r => r.Headers.Add("Idempotency-Key", "key-17"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Contains("\"created\":false", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var problem = await ProblemAssert.IsProblemAsync(reused, (HttpStatusCode)422);
        Assert.Contains("key-17", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("key-17", problem.GetProperty("idempotencyKey").GetString());
        var started = (await host.Swarm.Client.GetInstanceAsync("key-17", getInputsAndOutputs: true))!.ReadInputAs<SweepRequest>()!;
        Assert.Equal(3UL, started.Spec.Seed);
    }
}
