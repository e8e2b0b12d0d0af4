using Swarm.Durable.History;

namespace Swarm.Durable.Conformance;

/// <summary>The orchestrations and activities the conformance suite runs.</summary>
public static class ConformanceRegistry
{
    /// <summary>Builds a registry with every test orchestration and activity.</summary>
    public static DurableTaskRegistry Create() => new DurableTaskRegistry()
        .AddOrchestrator<GreetEveryone>()
        .AddActivity<Greeting>()
        .AddActivityFunc<int, int>("Square", (_, x) => x * x)
        .AddActivityFunc<int, int>("Increment", (_, x) => x + 1)
        .AddActivity("Recorded", services => new RecordedActivity((ExecutionLedger)services.GetService(typeof(ExecutionLedger))!))
        .AddActivityFunc<string, string>("Throw", static (TaskActivityContext _, string message) => Fail(message))
        .AddActivityFunc<int, string>("Big", (_, size) => new string('x', size))
        .AddActivity("Slow", services => new SlowActivity((ExecutionLedger)services.GetService(typeof(ExecutionLedger))!))
        .AddOrchestratorFunc<string, int>("CallSlow", (context, key) => context.CallActivityAsync<int>("Slow", key))
        .AddOrchestratorFunc<string, string>("Sender", async (context, target) =>
        {
            context.SendEvent(target, "greeting", "from " + context.InstanceId);
            return await context.CallActivityAsync<string>(nameof(Greeting), "sender");
        })
        .AddActivity("Broken", _ => throw new UnauthorizedAccessException("activity factory fails"))
        .AddOrchestrator("BrokenOrchestrator", _ => throw new UnauthorizedAccessException("orchestrator factory fails"))
        .AddOrchestratorFunc<int, int>("Chain", async (context, length) =>
        {
            var value = 0;
            for (var i = 0; i < length; i++)
            {
                value = await context.CallActivityAsync<int>("Increment", value);
            }

            return value;
        })
        .AddOrchestratorFunc<int, long>("FanOut", async (context, count) =>
        {
            var squares = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>("Square", i)));
            return squares.Sum(x => (long)x);
        })
        .AddOrchestratorFunc<RecordedFanOut, int>("RecordedFanOut", async (context, request) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, request.Count).Select(i => context.CallActivityAsync<int>("Recorded", $"{request.Key}/{i}")));
            return results.Length;
        })
        .AddOrchestratorFunc<string, int>("Flaky", (context, key) =>
            context.CallActivityAsync<int>("Recorded", key, TaskOptions.FromRetryPolicy(new RetryPolicy(4, TimeSpan.FromMilliseconds(50), 2))))
        .AddOrchestratorFunc<string, string>("CallThrow", (context, message) => context.CallActivityAsync<string>("Throw", message))
        .AddOrchestratorFunc<string, string>("CallByName", (context, name) => context.CallActivityAsync<string>(name, 1))
        .AddOrchestratorFunc<int, int>("BigOutput", async (context, size) => (await context.CallActivityAsync<string>("Big", size)).Length)
        .AddOrchestratorFunc<int, DateTime>("Sleep", async (context, milliseconds) =>
        {
            await context.CreateTimer(TimeSpan.FromMilliseconds(milliseconds), CancellationToken.None);
            return context.CurrentUtcDateTime;
        })
        .AddOrchestratorFunc<string, string>("Approval", async (context, eventName) =>
        {
            await context.CallActivityAsync<int>("Square", 2);
            return await context.WaitForExternalEvent<string>(eventName);
        })
        .AddOrchestratorFunc<int, string>("ApprovalWithTimeout", async (context, milliseconds) =>
        {
            try
            {
                return await context.WaitForExternalEvent<string>("approve", TimeSpan.FromMilliseconds(milliseconds));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        })
        .AddOrchestratorFunc<CounterState, CounterState>("Counter", async (context, state) =>
        {
            var add = await context.WaitForExternalEvent<int>("add");
            var next = state with { Total = state.Total + add, Generation = state.Generation + 1, Order = state.Order + add };
            if (next.Generation < state.Target)
            {
                context.ContinueAsNew(next, preserveUnprocessedEvents: true);
            }

            return next;
        })
        .AddOrchestratorFunc<string, int>("Parent", async (context, childId) =>
            await context.CallSubOrchestratorAsync<int>("Chain", 3, new SubOrchestrationOptions(childId)))
        .AddOrchestratorFunc<string, string>("ParentOfFailure", async (context, message) =>
        {
            try
            {
                await context.CallSubOrchestratorAsync<string>("CallThrow", message);
                return "no failure";
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.InnerFailure?.ErrorMessage ?? ex.FailureDetails.ErrorMessage;
            }
        })
        .AddOrchestratorFunc<object?, string>("WaitForever", async (context, _) => await context.WaitForExternalEvent<string>("never"))
        .AddOrchestratorFunc<int, int>("SuspendableChain", async (context, length) =>
        {
            var value = 0;
            for (var i = 0; i < length; i++)
            {
                await context.WaitForExternalEvent<string>("step");
                value = await context.CallActivityAsync<int>("Increment", value);
            }

            return value;
        })
        .AddOrchestratorFunc<object?, OrchestrationStatus>("Echo", (context, _) => Task.FromResult(OrchestrationStatus.Completed));

    /// <summary>Input of RecordedFanOut.</summary>
    /// <param name="Key">Ledger key prefix.</param>
    /// <param name="Count">Number of activities.</param>
    public sealed record RecordedFanOut(string Key, int Count);

    /// <summary>State of the Counter orchestration across ContinueAsNew generations.</summary>
    /// <param name="Total">Sum of the values received.</param>
    /// <param name="Generation">Executions finished.</param>
    /// <param name="Target">Executions to run.</param>
    /// <param name="Order">The values in the order they were received.</param>
    public sealed record CounterState(int Total, int Generation, int Target, string Order = "");

    private static string Fail(string message) => throw new InvalidOperationException(message, new FormatException("inner cause"));

    private sealed class SlowActivity(ExecutionLedger ledger) : TaskActivity<string, int>
    {
        public override async Task<int> RunAsync(TaskActivityContext context, string input)
        {
            var attempt = ledger.Record(input);
            if (attempt == 1)
            {
                // The first attempt runs until the worker shuts down, as a long activity would.
                await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
            }

            return attempt;
        }
    }

    private sealed class RecordedActivity(ExecutionLedger ledger) : TaskActivity<string, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, string input)
        {
            var count = ledger.Record(input);
            // "flaky" keys fail on their first two attempts, so retries are visible.
            if (input.StartsWith("flaky", StringComparison.Ordinal) && count <= 2)
            {
                throw new TimeoutException($"attempt {count} of {input} failed");
            }

            return Task.FromResult(count);
        }
    }
}
