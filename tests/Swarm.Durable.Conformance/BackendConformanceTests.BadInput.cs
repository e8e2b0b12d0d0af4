using Swarm.Durable.History;

namespace Swarm.Durable.Conformance;

/// <summary>Bad input is a clear failure recorded on the instance, never a hung instance or a crashed worker.</summary>
public abstract partial class BackendConformanceTests
{
    [Fact]
    public async Task UnknownOrchestrator_FailsInstanceWithNotFound()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator");
        var failure = Failure(await CompletionAsync(host.Client, id));

        Assert.Equal(Execution.RuntimeErrorTypes.OrchestratorNotFound, failure.ErrorType);
        Assert.Contains("NoSuchOrchestrator", failure.ErrorMessage, StringComparison.Ordinal);
        await WorkerStillServesAsync(host);
    }

    [Fact]
    public async Task UnknownActivity_FailsInstanceWithNotFound()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallByName", "NoSuchActivity");
        var failure = Failure(await CompletionAsync(host.Client, id));

        Assert.Equal(Execution.RuntimeErrorTypes.ActivityNotFound, failure.InnerFailure!.ErrorType);
        await WorkerStillServesAsync(host);
    }

    [Fact]
    public async Task OrchestratorInputOfWrongShape_FailsInstanceWithDeserializationError()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "not a number");
        var failure = Failure(await CompletionAsync(host.Client, id));

        Assert.Equal(Execution.RuntimeErrorTypes.InputDeserialization, failure.ErrorType);
        await WorkerStillServesAsync(host);
    }

    [Fact]
    public async Task ActivityInputOfWrongShape_FailsActivityWithDeserializationError()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallByName", nameof(Greeting));
        var failure = Failure(await CompletionAsync(host.Client, id));

        Assert.Equal(Execution.RuntimeErrorTypes.InputDeserialization, failure.InnerFailure!.ErrorType);
    }

    [Fact]
    public async Task ActivityOutputTooLarge_FailsActivityWithClearError()
    {
        var host = await StartHostAsync(options: TestOptions() with { MaxActivityOutputBytes = 10_000 });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("BigOutput", 20_000);
        var failure = Failure(await CompletionAsync(host.Client, id));

        Assert.Equal(Execution.RuntimeErrorTypes.OutputTooLarge, failure.InnerFailure!.ErrorType);
        Assert.Contains("10000", failure.InnerFailure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptedHistory_FailsInstanceWithClearError()
    {
        var first = await StartHostAsync();
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Approval", "go");
        await UntilHistoryAsync(id, h => h.OfType<TaskCompletedEvent>().Any());
        await first.DisposeAsync();
        await CorruptHistoryAsync(id);

        var second = await StartHostAsync(await SecondBackendAsync());
        await second.Client.RaiseEventAsync(id, "go", "x");
        var failure = Failure(await CompletionAsync(second.Client, id));

        Assert.Equal(Execution.RuntimeErrorTypes.HistoryCorrupted, failure.ErrorType);
        await WorkerStillServesAsync(second);
    }

    [Fact]
    public async Task OrchestrationProcessingKeepsThrowing_FailsInstanceAsPoisonAfterBoundedAttempts()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("BrokenOrchestrator");
        var failure = Failure(await CompletionAsync(host.Client, id));

        Assert.Equal(Execution.RuntimeErrorTypes.PoisonWorkItem, failure.ErrorType);
        Assert.Contains("orchestrator factory fails", failure.ErrorMessage, StringComparison.Ordinal);
        await WorkerStillServesAsync(host);
    }

    [Fact]
    public async Task ActivityProcessingKeepsThrowing_FailsActivityAsPoisonAfterBoundedAttempts()
    {
        var host = await StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallByName", "Broken");
        var failure = Failure(await CompletionAsync(host.Client, id));

        Assert.Equal(Execution.RuntimeErrorTypes.PoisonWorkItem, failure.InnerFailure!.ErrorType);
        Assert.Contains("activity factory fails", failure.InnerFailure.ErrorMessage, StringComparison.Ordinal);
    }

    private static async Task WorkerStillServesAsync(Hosting.DurableHost host)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo");
        Assert.Equal(OrchestrationStatus.Completed, Output<OrchestrationStatus>(await CompletionAsync(host.Client, id)));
    }
}
