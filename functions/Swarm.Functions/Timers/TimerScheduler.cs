using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Functions.Telemetry;

namespace Swarm.Functions.Timers;

/// <summary>
/// Runs the <see cref="ITimerFunction"/>s on their NCRONTAB schedules when the app is hosted locally, as the
/// Functions host's timer trigger does in Azure (with <c>useMonitor</c> on and <c>runOnStartup</c> off).
/// </summary>
/// <remarks>
/// <para>Schedules are read and checked when the scheduler is created, so a bad setting stops the host at start with
/// an error naming it.</para>
/// <para>Each timer's last occurrence is recorded in <see cref="TimerRuns"/>. At start, a timer whose next occurrence
/// after its last recorded one has already passed missed a run while the app was down: it runs once, at once, with
/// <see cref="TimerInfo.IsPastDue"/> set. A timer with nothing missed (or with no record yet: a first start) does not
/// run at start; it waits for its next occurrence. Time comes from the <see cref="TimeProvider"/>.</para>
/// </remarks>
public sealed class TimerScheduler : BackgroundService
{
    /// <summary>A run that starts this much after its occurrence is reported past due.</summary>
    public static readonly TimeSpan PastDueTolerance = TimeSpan.FromMinutes(1);

    private readonly IReadOnlyList<(ITimerFunction Function, TimerSchedule Schedule)> _timers;
    private readonly TimerRuns _runs;
    private readonly SwarmTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the scheduler, reading every timer's schedule from <paramref name="configuration"/>.</summary>
    /// <exception cref="InvalidTimerScheduleException">A schedule setting is invalid.</exception>
    public TimerScheduler(
        IEnumerable<ITimerFunction> timers,
        IConfiguration configuration,
        TimerRuns runs,
        SwarmTelemetry telemetry,
        TimeProvider? time = null,
        ILogger<TimerScheduler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timers);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(telemetry);
        _timers = [.. timers.Select(t => (t, TimerSchedule.Parse(t.ScheduleSetting, configuration[t.ScheduleSetting] ?? t.DefaultSchedule)))];
        _runs = runs;
        _telemetry = telemetry;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<TimerScheduler>.Instance;
    }

    /// <summary>The timers and their schedules.</summary>
    public IReadOnlyList<(ITimerFunction Function, TimerSchedule Schedule)> Timers => _timers;

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _runs.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_timers.Select(t => RunScheduleAsync(t.Function, t.Schedule, stoppingToken)));

    private async Task RunScheduleAsync(ITimerFunction function, TimerSchedule schedule, CancellationToken stoppingToken)
    {
        try
        {
            var now = _time.GetUtcNow();
            var last = await _runs.LastAsync(function.Name, stoppingToken).ConfigureAwait(false);
            if (last is null)
            {
                // A first start has missed nothing: the schedule counts from now.
                await _runs.RecordAsync(function.Name, now, "baseline", now, stoppingToken).ConfigureAwait(false);
                last = now;
            }
            else if (schedule.NextAfter(last.Value) is var missed && missed <= now)
            {
                _logger.LogInformation("Timer {Timer} missed {Occurrence} while the app was down; running it now.", function.Name, missed);
                await RunAsync(function, new TimerInfo(missed, IsPastDue: true, last, schedule.NextAfter(now)), stoppingToken).ConfigureAwait(false);

                // One past-due run covers every occurrence missed up to now.
                last = now;
                await _runs.RecordAsync(function.Name, now, "pastDue", _time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var next = schedule.NextAfter(last.Value);
                var wait = next - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
                }

                var startedAt = _time.GetUtcNow();
                await RunAsync(function, new TimerInfo(next, startedAt - next > PastDueTolerance, last, schedule.NextAfter(next)), stoppingToken).ConfigureAwait(false);
                last = schedule.NextAfter(next) <= _time.GetUtcNow() ? _time.GetUtcNow() : next;
                await _runs.RecordAsync(function.Name, last.Value, "ran", _time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(ITimerFunction function, TimerInfo timer, CancellationToken stoppingToken)
    {
        // A Server span: Application Insights shows it as a request, as the Functions host reports each timer invocation.
        using var span = _telemetry.Source.StartActivity(function.Name + " timer", System.Diagnostics.ActivityKind.Server);
        span?.SetTag("swarm.timer.scheduled", timer.ScheduledTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        span?.SetTag("swarm.timer.past_due", timer.IsPastDue);
        try
        {
            await function.RunAsync(timer, stoppingToken).ConfigureAwait(false);
            _telemetry.TimerRun(function.Name, succeeded: true, timer.IsPastDue);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed run is logged and counted; the schedule goes on, as in the Functions host.
        catch (Exception e)
#pragma warning restore CA1031
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            _logger.LogError(e, "Timer {Timer} failed for {Occurrence}.", function.Name, timer.ScheduledTime);
            _telemetry.TimerRun(function.Name, succeeded: false, timer.IsPastDue);
        }
    }
}
