using System.Threading.Channels;
using Swarm.Functions.Timers;

namespace Swarm.Functions.Tests.Timers;

/// <summary>A timer function that records each run it is given.</summary>
internal sealed class RecordingTimer(string schedule = "0 0 3 * * *") : ITimerFunction
{
    private readonly Channel<TimerInfo> _runs = Channel.CreateUnbounded<TimerInfo>();

    public string Name => "Recording";

    public string ScheduleSetting => "RecordingSchedule";

    public string DefaultSchedule => schedule;

    public int Count { get; private set; }

    public Task RunAsync(TimerInfo timer, CancellationToken cancellationToken = default)
    {
        Count++;
        _runs.Writer.TryWrite(timer);
        return Task.CompletedTask;
    }

    public async Task<TimerInfo> NextRunAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _runs.Reader.ReadAsync(timeout.Token);
    }
}
