using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Swarm.Orchestrations.Backup;

/// <summary>Starts the day's backup: what the timer function and the <c>backup</c> command call.</summary>
/// <remarks>
/// The instance id is <see cref="BackupInstanceId.For"/> the trigger's day, so a second trigger the same day finds the
/// first instance and does not start another — whether that one is pending, running or completed. Only a day's backup
/// that failed or was terminated is started again. Two triggers racing are settled by the backend: scheduling an id that
/// is running fails with <see cref="OrchestrationAlreadyExistsException"/>, which counts as "already started".
/// </remarks>
public static class BackupTrigger
{
    /// <summary>Schedules <c>backup-yyyyMMdd</c> for the UTC day of <paramref name="utcNow"/> unless it already exists.</summary>
    public static async Task<BackupStart> StartAsync(DurableTaskClient client, DateTime utcNow, BackupRequest? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = BackupInstanceId.For(utcNow);
        var existing = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            return new BackupStart(instanceId, false, existing.RuntimeStatus);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(BackupOrchestrator.Name, request ?? new BackupRequest(), new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
            return new BackupStart(instanceId, true, null);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            var current = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            return new BackupStart(instanceId, false, current?.RuntimeStatus);
        }
    }
}
