using Microsoft.DurableTask;

namespace Swarm.Bench;

/// <summary>The orchestrations and activities the durable benchmarks run: trivial work, so the runtime is what is measured.</summary>
internal static class DurableBenchWorkflows
{
    public static DurableTaskRegistry AddBenchWorkflows(this DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>("Increment", static (_, x) => x + 1)
        .AddOrchestratorFunc<int, int>("Chain", static async (context, length) =>
        {
            var value = 0;
            for (var i = 0; i < length; i++)
            {
                value = await context.CallActivityAsync<int>("Increment", value);
            }

            return value;
        })
        .AddOrchestratorFunc<int, long>("FanOut", static async (context, count) =>
        {
            var tasks = new Task<int>[count];
            for (var i = 0; i < count; i++)
            {
                tasks[i] = context.CallActivityAsync<int>("Increment", i);
            }

            var results = await Task.WhenAll(tasks);
            return results.Sum(static x => (long)x);
        })
        .AddOrchestratorFunc<int, int>("Empty", static (_, input) => Task.FromResult(input));
}
