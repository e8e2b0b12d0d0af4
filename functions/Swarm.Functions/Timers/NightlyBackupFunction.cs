using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Telemetry;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.Backup;

namespace Swarm.Functions.Timers;

/// <summary>
/// The nightly backup: starts the day's <c>Backup</c> orchestration (<c>backup-yyyyMMdd</c>; a second run the same day
/// starts nothing) and reports how the previous day's backup ended.
/// </summary>
[Function(FunctionName)]
[TimerTrigger("%" + ScheduleSettingName + "%")]
public sealed class NightlyBackupFunction : ITimerFunction
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "NightlyBackup";

    /// <summary>The schedule when <see cref="ScheduleSettingName"/> is not set (UTC).</summary>
    public const string DefaultScheduleExpression = "0 0 3 * * *";

    /// <summary>The schedule setting.</summary>
    public const string ScheduleSettingName = "SwarmBackupSchedule";

    /// <summary>The retention setting (days).</summary>
    public const string RetentionSetting = "SwarmBackupRetentionDays";

    private readonly DurableTaskClient _client;
    private readonly SwarmTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the function.</summary>
    /// <exception cref="InvalidOperationException"><see cref="RetentionSetting"/> is malformed.</exception>
    public NightlyBackupFunction(DurableTaskClient client, IConfiguration configuration, SwarmTelemetry telemetry, TimeProvider? time = null, ILogger<NightlyBackupFunction>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(telemetry);
        _client = client;
        _telemetry = telemetry;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<NightlyBackupFunction>.Instance;
        RetentionDays = PositiveDays(configuration, RetentionSetting, 30);
    }

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public string ScheduleSetting => ScheduleSettingName;

    /// <inheritdoc />
    public string DefaultSchedule => DefaultScheduleExpression;

    /// <summary>Backups older than this many days are deleted once a new one verifies.</summary>
    public int RetentionDays { get; }

    /// <summary>The last start, for callers that report it.</summary>
    public BackupStart? LastStart { get; private set; }

    /// <inheritdoc />
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var now = _time.GetUtcNow().UtcDateTime;
        await ReportPreviousAsync(now, cancellationToken).ConfigureAwait(false);
        BackupStart start;
        try
        {
            start = await BackupTrigger.StartAsync(_client, now, new BackupRequest(RetentionDays), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _telemetry.BackupOutcome(BackupInstanceId.For(now), "failed-to-start");
            throw;
        }

        LastStart = start;
        _telemetry.BackupOutcome(start.InstanceId, start.Started ? "started" : "existing");
        _logger.LogInformation(
            start.Started ? "Backup {InstanceId} started{PastDue}." : "Backup {InstanceId} already exists{PastDue}; not started twice.",
            start.InstanceId,
            timer.IsPastDue ? " (past due)" : string.Empty);
    }

    private async Task ReportPreviousAsync(DateTime now, CancellationToken cancellationToken)
    {
        var previous = BackupInstanceId.For(now.AddDays(-1));
        var instance = await _client.GetInstanceAsync(previous, cancellationToken).ConfigureAwait(false);
        if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            _telemetry.BackupOutcome(previous, "previous-" + instance.RuntimeStatus.ToString().ToLowerInvariant());
        }
    }

    internal static int PositiveDays(IConfiguration configuration, string setting, int fallback)
    {
        var text = configuration[setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days >= 1
            ? days
            : throw new InvalidOperationException($"Setting {setting} is '{text}'; expected a whole number of days, at least 1.");
    }
}
