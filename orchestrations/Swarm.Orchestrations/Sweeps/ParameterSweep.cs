using System.Globalization;
using Microsoft.DurableTask;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// Runs a whole sweep: fans its runs out through <see cref="SweepBatch"/> sub-orchestrations with at
/// most <see cref="SweepRequest.MaxBatchesInFlight"/> running at once, then aggregates the results.
/// </summary>
/// <remarks>
/// Batch instance ids derive from the sweep id (<c>&lt;sweepId&gt;:batch:&lt;n&gt;</c>), and every run's
/// result row is keyed by the run index, so a sweep resubmitted under the same id skips the runs
/// whose rows exist: it resumes rather than starting over.
/// </remarks>
public sealed class ParameterSweep(WorkflowOptions options) : TaskOrchestrator<SweepRequest, SweepOutcome>
{
    /// <inheritdoc />
    public override async Task<SweepOutcome> RunAsync(TaskOrchestrationContext context, SweepRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var spec = input.Spec;
        var runsPerActivity = SweepGrouping.RunsPerActivity(input.RunsPerActivity, spec.Steps);
        var batchSize = SweepGrouping.BatchSize(input.BatchSize, runsPerActivity);
        var batches = (int)((spec.RunCount + batchSize - 1) / batchSize);
        var inFlight = new List<Task<SweepBatchResult>>();
        long runsDone = 0, resumed = 0;
        var batchesDone = 0;
        context.SetCustomStatus(new SweepProgress("running", 0, spec.RunCount, 0, batches));

        TaskFailedException? failure = null;
        async Task CollectOneAsync()
        {
            var finished = await Task.WhenAny(inFlight);
            inFlight.Remove(finished);
            try
            {
                var result = await finished;
                runsDone += result.Runs;
                resumed += result.AlreadyDone;
                batchesDone++;
                context.SetCustomStatus(new SweepProgress("running", runsDone, spec.RunCount, batchesDone, batches));
            }
            catch (TaskFailedException e)
            {
                failure ??= e;
            }
        }

        for (var b = 0; b < batches; b++)
        {
            if (inFlight.Count >= Math.Max(1, input.MaxBatchesInFlight))
            {
                await CollectOneAsync();
                if (failure is not null)
                {
                    break;
                }
            }

            var first = (long)b * batchSize;
            var count = (int)Math.Min(batchSize, spec.RunCount - first);
            inFlight.Add(context.CallSubOrchestratorAsync<SweepBatchResult>(
                nameof(SweepBatch),
                new SweepBatchRequest(input.SweepId, spec, first, count, input.ChunkSteps, runsPerActivity),
                new SubOrchestrationOptions(instanceId: string.Create(CultureInfo.InvariantCulture, $"{input.SweepId}:batch:{b}"))));
        }

        // On a failure, no new batch starts but the running ones are awaited: compensation must
        // not begin while activities of this sweep can still write results.
        while (inFlight.Count > 0)
        {
            await CollectOneAsync();
        }

        if (failure is not null)
        {
            throw failure;
        }

        context.SetCustomStatus(new SweepProgress("aggregating", runsDone, spec.RunCount, batchesDone, batches));
        var outcome = await context.CallActivityAsync<SweepOutcome>(nameof(AggregateSweep), input, options.ActivityRetry);
        context.SetCustomStatus(new SweepProgress("completed", runsDone, spec.RunCount, batchesDone, batches));
        return outcome with { ResumedRuns = resumed };
    }
}
