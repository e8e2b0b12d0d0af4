using DurableTask.Core;
using Swarm.Durable.Conformance.OrchestrationService;
using Swarm.Durable.Embedded;
using Swarm.Testing;
using CoreJson = DurableTask.Core.Serializing.JsonDataConverter;

namespace Swarm.Durable.Tests.TaskHub;

/// <summary>Faults of the machine are not faults of the job: a full disk stalls the task hub, it does not fail the work.</summary>
public sealed class EnvironmentFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AFullDiskDelaysTheJobWithoutFailingOrPoisoningIt()
    {
        using var disk = SmallDisk.Mount(megabytes: 24);
        var options = new SqliteOrchestrationServiceOptions(Path.Combine(disk.Path, "taskhub.db"))
        {
            // Two dispatches would be poison: the faults below are many more, and must not count.
            MaxDispatchAttempts = 2,
            MaxEnvironmentBackoff = TimeSpan.FromSeconds(1),
            LockDuration = TimeSpan.FromSeconds(10),
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(1),
            MaxPollInterval = TimeSpan.FromMilliseconds(100),
        };
        await using var service = new SqliteOrchestrationService(options);
        await service.CreateIfNotExistsAsync();
        var client = new TaskHubClient(service);
        var random = new Random(11);
        var payload = new string(Enumerable.Range(0, 1 << 20).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());
        var instance = await client.CreateOrchestrationInstanceAsync(typeof(EchoTwice), "full-disk", payload);

        var ballast = disk.Fill();
        var worker = new TaskHubWorker(service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(typeof(EchoTwice));
        worker.AddTaskActivities(typeof(Echo));
        await worker.StartAsync();
        try
        {
            var deadline = DateTime.UtcNow + Patience;
            while (service.EnvironmentFaults < 5 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.True(service.EnvironmentFaults >= 5, $"The full disk caused only {service.EnvironmentFaults} faults; the test did not fill it.");
            var during = await client.GetOrchestrationStateAsync(instance.InstanceId);
            Assert.NotNull(during);
            Assert.False(during.OrchestrationStatus is OrchestrationStatus.Failed or OrchestrationStatus.Completed,
                $"While the disk is full the job can only wait, but it is {during.OrchestrationStatus}.");

            File.Delete(ballast);
            var state = await client.WaitForOrchestrationAsync(instance, Patience);
            Assert.Equal(OrchestrationStatus.Completed, state?.OrchestrationStatus);
            // The result of an undisturbed run: the payload reversed twice.
            Assert.Equal(payload, CoreJson.Default.Deserialize<string>(state!.Output));
        }
        finally
        {
            await worker.StopAsync(true);
        }
    }
}
