namespace Swarm.Orchestrations.Sagas;

/// <summary>
/// Compensation for a multi-step orchestration: each step registers its undo before it runs; when a
/// step fails, the registered undos run last-in-first-out.
/// </summary>
/// <remarks>
/// <para>An undo is registered <em>before</em> its step because a step can take effect and still fail
/// to report it (a crash after the write); undos must therefore be idempotent and harmless when their
/// step never happened.</para>
/// <para>A failing undo is recorded and the rest still run: leaving one thing behind is better than
/// leaving everything behind. Replay-safe: it holds only what the orchestration itself computed.</para>
/// </remarks>
public sealed class Saga
{
    private readonly Stack<(string Step, Func<Task> Undo)> _undos = new();
    private readonly List<string> _ran = [];

    /// <summary>Steps that completed, in order.</summary>
    public IReadOnlyList<string> Ran => _ran;

    /// <summary>The step that threw, once one has.</summary>
    public string? FailedStep { get; private set; }

    /// <summary>Runs <paramref name="step"/> after registering <paramref name="undo"/> (if any) for it.</summary>
    public async Task<T> RunAsync<T>(string step, Func<Task<T>> action, Func<Task>? undo = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(step);
        ArgumentNullException.ThrowIfNull(action);
        if (undo is not null)
        {
            _undos.Push((step, undo));
        }

        T result;
        try
        {
            result = await action();
        }
        catch
        {
            FailedStep = step;
            throw;
        }

        _ran.Add(step);
        return result;
    }

    /// <summary>Runs <paramref name="step"/> after registering <paramref name="undo"/> (if any) for it.</summary>
    public Task RunAsync(string step, Func<Task> action, Func<Task>? undo = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        return RunAsync<bool>(step, async () =>
        {
            await action();
            return true;
        }, undo);
    }

    /// <summary>Undoes every registered step, last first, after <see cref="FailedStep"/> failed with <paramref name="error"/>.</summary>
    public async Task<SagaOutcome> CompensateAsync(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var compensated = new List<string>();
        var failures = new List<SagaCompensationFailure>();
        while (_undos.TryPop(out var entry))
        {
            try
            {
                await entry.Undo();
                compensated.Add(entry.Step);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(new SagaCompensationFailure(entry.Step, e.Message));
            }
        }

        return new SagaOutcome(
            failures.Count == 0 ? SagaStatus.Compensated : SagaStatus.PartiallyCompensated,
            [.. _ran],
            FailedStep,
            error.Message,
            compensated,
            failures);
    }

    /// <summary>The outcome when every step ran.</summary>
    public SagaOutcome Completed() => new(SagaStatus.Completed, [.. _ran], null, null, [], []);
}
