using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Telemetry;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Timers;

/// <summary>
/// The daily purge: deletes the history of every finished (completed, failed or terminated) orchestration instance
/// created more than <see cref="PurgeAfterDays"/> days ago. Running and pending instances are never purged.
/// </summary>
[Function(FunctionName)]
[TimerTrigger("%" + ScheduleSettingName + "%")]
public sealed class PurgeFinishedInstancesFunction : ITimerFunction
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "PurgeFinishedInstances";

    /// <summary>The schedule when <see cref="ScheduleSettingName"/> is not set (UTC).</summary>
    public const string DefaultScheduleExpression = "0 30 4 * * *";

    /// <summary>The schedule setting.</summary>
    public const string ScheduleSettingName = "SwarmPurgeSchedule";

    /// <summary>The age setting (days).</summary>
    public const string PurgeAfterDaysSetting = "SwarmPurgeAfterDays";

    private static readonly OrchestrationRuntimeStatus[] Finished = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    private readonly DurableTaskClient _client;
    private readonly SwarmTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the function.</summary>
    /// <exception cref="InvalidOperationException"><see cref="PurgeAfterDaysSetting"/> is malformed.</exception>
    public PurgeFinishedInstancesFunction(DurableTaskClient client, IConfiguration configuration, SwarmTelemetry telemetry, TimeProvider? time = null, ILogger<PurgeFinishedInstancesFunction>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(telemetry);
        _client = client;
        _telemetry = telemetry;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<PurgeFinishedInstancesFunction>.Instance;
        PurgeAfterDays = NightlyBackupFunction.PositiveDays(configuration, PurgeAfterDaysSetting, 30);
    }

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public string ScheduleSetting => ScheduleSettingName;

    /// <inheritdoc />
    public string DefaultSchedule => DefaultScheduleExpression;

    /// <summary>Finished instances created more than this many days ago are purged.</summary>
    public int PurgeAfterDays { get; }

    /// <inheritdoc />
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var cutoff = _time.GetUtcNow().UtcDateTime.AddDays(-PurgeAfterDays);
        // A lower bound is given because the task hub's gRPC server requires one; no instance predates the epoch.
        var result = await _client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UnixEpoch, CreatedTo: cutoff, Statuses: Finished), cancellationToken).ConfigureAwait(false);
        _telemetry.InstancesPurged(result.PurgedInstanceCount);
        _logger.LogInformation("Purged {Count} finished instances created before {Cutoff:O}.", result.PurgedInstanceCount, cutoff);
    }
}
