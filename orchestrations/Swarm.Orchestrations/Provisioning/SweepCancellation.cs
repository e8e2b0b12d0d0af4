using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>
/// Cancels a sweep: terminates its orchestration and every sub-orchestration under its id, then
/// compensates what a terminated orchestration cannot — releases its quota and marks its record cancelled.
/// </summary>
/// <remarks>
/// Results already written are kept (they are correct, and a resubmission under the same id reuses
/// them); the record says the sweep was cancelled. Safe to call twice.
/// </remarks>
public sealed class SweepCancellation(DurableTaskClient client, StateStore store, ComputeQuota quota, TimeProvider clock)
{
    /// <summary>Cancels sweep <paramref name="sweepId"/>; false when no such sweep exists.</summary>
    public async Task<bool> CancelAsync(string sweepId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sweepId);
        var top = await client.GetInstanceAsync(sweepId, cancellationToken).ConfigureAwait(false);
        var record = await SweepRecord.ReadAsync(store.Records, sweepId, cancellationToken).ConfigureAwait(false);
        if (top is null && record is null)
        {
            return false;
        }

        // A sweep that had already finished or compensated on its own keeps that status; one that compensates while being
        // terminated (a child's termination can reach the saga before the parent's own) was cancelled.
        var settledBefore = record?.Status is SweepStatus.Completed or SweepStatus.Compensated;
        var running = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = sweepId }).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // The prefix also matches other sweeps whose ids start with this one; keep only ours.
            if (instance.IsRunning && (instance.InstanceId == sweepId || instance.InstanceId.StartsWith(sweepId + ":", StringComparison.Ordinal)))
            {
                running.Add(instance.InstanceId);
            }
        }

        // Parent first, so it schedules nothing new while its children are being stopped.
        foreach (var instanceId in running.OrderBy(i => i.Length))
        {
            await client.TerminateInstanceAsync(instanceId, reason, cancellationToken).ConfigureAwait(false);
        }

        // Termination is a message the worker applies; compensate only once every instance has stopped,
        // so nothing of this sweep is still scheduling work when its quota is released.
        foreach (var instanceId in running)
        {
            await client.WaitForInstanceCompletionAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }

        await quota.ReleaseAsync(sweepId, cancellationToken).ConfigureAwait(false);

        // Read again: a sweep cancelled while it was still being provisioned may have had its record written by an
        // activity that was already running when the orchestration stopped.
        record = await SweepRecord.ReadAsync(store.Records, sweepId, cancellationToken).ConfigureAwait(false);
        if (record is not null && !settledBefore && record.Status is not SweepStatus.Completed)
        {
            await (record with { Status = SweepStatus.Cancelled, Error = reason, UpdatedAt = clock.GetUtcNow() })
                .WriteAsync(store.Records, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
