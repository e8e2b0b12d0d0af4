using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Jobs;
using Swarm.Orchestrations.Runs;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Functions.Telemetry;

/// <summary>
/// Follows the jobs this app started until they finish, turning their status into metrics: simulations
/// completed / failed, a run's steps per second (from its <see cref="SimulationProgress"/>), and a sweep's progress
/// (from its <c>&lt;id&gt;:sweep</c> orchestration's <see cref="SweepProgress"/>).
/// </summary>
/// <remarks>
/// <para>It reads status through the durable client every <see cref="Interval"/>, so it needs nothing from the
/// orchestrations themselves and adds nothing to their history. Jobs are tracked in memory: after a restart only
/// jobs started (or resubmitted, or redelivered) since are followed. <see cref="JobStartTelemetry"/> hands it every
/// job <see cref="JobScheduler"/> starts.</para>
/// <para>Each job's end is reported once: for a job this app created, always; for one that already existed when it
/// was resubmitted, only if it was seen still running (otherwise its end was someone else's to report). At most
/// <see cref="MaxTracked"/> jobs are followed at once, so a monitor that is never run cannot grow without bound.</para>
/// </remarks>
public sealed class JobMonitor : BackgroundService
{
    private readonly ConcurrentDictionary<string, (JobKind Kind, bool ReportEnd)> _tracked = new(StringComparer.Ordinal);
    private readonly DurableTaskClient _client;
    private readonly SwarmTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _full;

    /// <summary>Creates the monitor.</summary>
    public JobMonitor(DurableTaskClient client, SwarmTelemetry telemetry, TimeProvider? time = null, ILogger<JobMonitor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(telemetry);
        _client = client;
        _telemetry = telemetry;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<JobMonitor>.Instance;
    }

    /// <summary>How often tracked jobs are checked.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most jobs followed at once; jobs handed over beyond it are not followed.</summary>
    public int MaxTracked { get; init; } = 100_000;

    /// <summary>The jobs being followed.</summary>
    public IReadOnlyCollection<string> Tracked => [.. _tracked.Keys];

    /// <summary>
    /// Follows <paramref name="instanceId"/> until it finishes; <paramref name="created"/> says whether this app
    /// created it (false: it already existed, and its end is reported only if it is seen running first).
    /// </summary>
    public void Track(string instanceId, JobKind kind, bool created = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (_tracked.Count >= MaxTracked && !_tracked.ContainsKey(instanceId))
        {
            // Said once per overflow, not once per job: a monitor that is never run would otherwise flood the log.
            if (Interlocked.Exchange(ref _full, 1) == 0)
            {
                _logger.LogWarning("Already following {Count} jobs (is the monitor running?); jobs started from now on are not followed until some end.", _tracked.Count);
            }

            return;
        }

        Volatile.Write(ref _full, 0);

        _tracked.AddOrUpdate(instanceId, (kind, created), (_, known) => (kind, known.ReportEnd || created));
    }

    /// <summary>Checks every tracked job once, reporting progress and outcomes; finished jobs stop being tracked.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (instanceId, job) in _tracked)
        {
            var instance = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            var kindName = job.Kind.ToString().ToLowerInvariant();
            switch (instance?.RuntimeStatus)
            {
                case null:
                    _tracked.TryRemove(instanceId, out _);
                    break;
                case OrchestrationRuntimeStatus.Completed:
                    // Only the check that removes the job reports its end, however many checks run at once.
                    if (_tracked.TryRemove(instanceId, out var completed) && completed.ReportEnd)
                    {
                        _telemetry.SimulationCompleted(kindName, instanceId);
                    }

                    break;
                case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                    if (_tracked.TryRemove(instanceId, out var failed) && failed.ReportEnd)
                    {
                        _telemetry.SimulationFailed(kindName, instanceId, instance.FailureDetails?.ErrorMessage ?? instance.RuntimeStatus.ToString());
                    }

                    break;
                default:
                    if (!job.ReportEnd)
                    {
                        _tracked.TryUpdate(instanceId, (job.Kind, true), job);
                    }

                    await ReportProgressAsync(instance, job.Kind, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _time, stoppingToken).ConfigureAwait(false);
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Monitoring is best effort; an unreachable backend is tried again next interval.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogWarning(e, "Checking job status failed; trying again in {Interval}.", Interval);
            }
        }
    }

    private async Task ReportProgressAsync(OrchestrationMetadata instance, JobKind kind, CancellationToken cancellationToken)
    {
        if (kind == JobKind.Simulation)
        {
            if (TryRead<SimulationProgress>(instance.SerializedCustomStatus) is { StepsPerSecond: > 0 } progress)
            {
                var model = TryRead<SimulationRunRequest>(instance.SerializedInput)?.Model ?? "unknown";
                _telemetry.StepsPerSecond(model, progress.StepsPerSecond);
            }

            return;
        }

        var sweep = await _client.GetInstanceAsync(instance.InstanceId + ":sweep", getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (TryRead<SweepProgress>(sweep?.SerializedCustomStatus) is { Runs: > 0 } sweepProgress)
        {
            _telemetry.SweepProgress(instance.InstanceId, sweepProgress.RunsDone, sweepProgress.Runs);
        }
    }

    private static T? TryRead<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return Microsoft.DurableTask.Converters.JsonDataConverter.Default.Deserialize<T>(json);
        }
#pragma warning disable CA1031 // A status of another shape (a saga outcome, a string) is simply not progress.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
