using Microsoft.DurableTask.Client;

namespace Swarm.Orchestrations.Backup;

/// <summary>What <see cref="BackupTrigger.StartAsync"/> did.</summary>
/// <param name="InstanceId">The day's backup instance id.</param>
/// <param name="Started">True when this call scheduled the backup; false when that day's backup already exists.</param>
/// <param name="ExistingStatus">The status of the instance that was already there, when not started.</param>
public sealed record BackupStart(string InstanceId, bool Started, OrchestrationRuntimeStatus? ExistingStatus);
