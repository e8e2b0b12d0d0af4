using System.Text.Json.Nodes;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.Runs;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Orchestrations.Jobs;

/// <summary>
/// Starts a validated job's orchestration under a caller-chosen instance id (an idempotency key, a
/// Service Bus MessageId), so a resubmitted or redelivered job starts nothing twice.
/// </summary>
/// <remarks>
/// Every way in (HTTP, Service Bus, the local queue) starts jobs here, so this is where their start is reported:
/// each <see cref="IJobObserver"/> hears of every submission, created or already existing.
/// </remarks>
public sealed class JobScheduler(DurableTaskClient client, IEnumerable<IJobObserver>? observers = null)
{
    private readonly IJobObserver[] _observers = observers?.ToArray() ?? [];

    /// <summary>
    /// Starts <paramref name="job"/> as <paramref name="instanceId"/>, unless an instance with that id already exists:
    /// with the same job that is a resubmission (<see cref="JobStart.Created"/> false), with another one a conflict
    /// (<see cref="JobStart.Conflicts"/>), since the caller reused the key for something it did not start.
    /// </summary>
    public async Task<JobStart> StartAsync(Job job, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var (orchestrator, input) = job.Kind switch
        {
            JobKind.Simulation => (nameof(SimulationRun), (object)new SimulationRunRequest(
                instanceId, job.Simulation!.Model, job.Simulation.Parameters, job.Simulation.Seed, RunKey: 0, job.Simulation.Steps, job.Simulation.ChunkSteps)),
            _ => (nameof(ProvisionSweep), new SweepRequest(instanceId, job.Sweep!)),
        };
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return Submitted(new JobStart(instanceId, job.Kind, Created: false, Conflicts: !SameJob(existing, orchestrator, input)));
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Two submissions with the same id raced; the other one created it.
            return Submitted(new JobStart(instanceId, job.Kind, Created: false));
        }

        return Submitted(new JobStart(instanceId, job.Kind, Created: true));
    }

    /// <summary>Whether <paramref name="instanceId"/> can name a job: 1-64 letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValidInstanceId(string instanceId) =>
        instanceId is { Length: > 0 and <= 64 } && instanceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    // The same orchestrator with the same input, compared as JSON so property order and spacing do not count.
    private static bool SameJob(OrchestrationMetadata existing, string orchestrator, object input)
    {
        if (existing.Name != orchestrator || existing.SerializedInput is null)
        {
            return existing.Name == orchestrator;
        }

        return JsonNode.DeepEquals(JsonNode.Parse(existing.SerializedInput), JsonNode.Parse(JsonDataConverter.Default.Serialize(input)!));
    }

    private JobStart Submitted(JobStart start)
    {
        foreach (var observer in _observers)
        {
            observer.Submitted(start);
        }

        return start;
    }
}
