using Swarm.Durable.History;

namespace Swarm.Durable.Tests.Client;

public sealed class BacklessClientTests
{
    [Fact]
    public async Task Primitive_NotOverridden_ThrowsNotSupportedNamingTheMember()
    {
        var client = new StatusOnlyClient([]);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.RaiseEventAsync("a", "Nudge"));

        Assert.Contains("StatusOnlyClient", error.Message, StringComparison.Ordinal);
        Assert.Contains("RaiseEventAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_NotOverridden_ThrowsNotSupported()
    {
        var client = new StatusOnlyClient([]);

        await Assert.ThrowsAsync<NotSupportedException>(() => client.ScheduleNewOrchestrationInstanceAsync("Chain"));
    }

    [Fact]
    public async Task WaitForInstanceCompletion_OverGetInstance_ReturnsOnceFinished()
    {
        var client = new StatusOnlyClient([OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Completed]);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var started = await client.WaitForInstanceStartAsync("a", cancellationToken: deadline.Token);
        var finished = await client.WaitForInstanceCompletionAsync("a", cancellationToken: deadline.Token);

        Assert.Equal(OrchestrationStatus.Running, started.RuntimeStatus);
        Assert.Equal(OrchestrationStatus.Completed, finished.RuntimeStatus);
    }

    [Fact]
    public async Task WaitForInstanceCompletion_UnknownInstance_ThrowsNotFound()
    {
        var client = new StatusOnlyClient([]);

        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => client.WaitForInstanceCompletionAsync("nobody"));
    }

    [Fact]
    public async Task GetAllInstances_OverQueryInstances_FollowsContinuationTokens()
    {
        var client = new StatusOnlyClient([]);

        var ids = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync())
        {
            ids.Add(instance.InstanceId);
        }

        Assert.Equal(["p0", "p1", "p2"], ids);
    }

    /// <summary>A client with no backend: statuses from a script, three one-instance pages.</summary>
    private sealed class StatusOnlyClient(OrchestrationStatus[] script) : DurableTaskClient(new DurableClientOptions { MaxStatusPollInterval = TimeSpan.FromMilliseconds(1) })
    {
        private int _reads;

        public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
        {
            if (script.Length == 0)
            {
                return Task.FromResult<OrchestrationMetadata?>(null);
            }

            var status = script[Math.Min(_reads++, script.Length - 1)];
            return Task.FromResult<OrchestrationMetadata?>(new OrchestrationMetadata { InstanceId = instanceId, Name = "Chain", RuntimeStatus = status });
        }

        public override Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
        {
            var page = query.ContinuationToken is null ? 0 : int.Parse(query.ContinuationToken, System.Globalization.CultureInfo.InvariantCulture);
            var instance = new OrchestrationMetadata { InstanceId = $"p{page}", Name = "Chain", RuntimeStatus = OrchestrationStatus.Completed };
            return Task.FromResult(new OrchestrationQueryPage([instance], page < 2 ? (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
        }
    }
}
