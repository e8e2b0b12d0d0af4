using System.Diagnostics.Metrics;

namespace Swarm.Orchestrations;

/// <summary>
/// The workflows' own metrics, recorded where simulations step (the <c>RunSimulationChunk</c> and <c>RunSweepRuns</c>
/// activities): a <see cref="Meter"/> named <c>Swarm.Orchestrations</c>.
/// </summary>
/// <remarks>
/// <para>Recorded by the activity that did the work, so the numbers exist wherever activities run: in-process
/// (<c>swarm</c>, <c>swarm serve</c>) and in Azure's custom handler alike. A host forwards them where it wants (the
/// function app sends them to Application Insights).</para>
/// <para>Free when nobody listens: activities ask <see cref="IsObserved"/> before counting agents or reading the clock
/// for a measurement.</para>
/// <para>Activities built without an instance registered for them use <see cref="Default"/>; a test registers its own
/// so that its listener sees only its own measurements.</para>
/// </remarks>
public sealed class WorkflowTelemetry : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string Name = "Swarm.Orchestrations";

    private readonly Counter<long> _agentSteps;
    private readonly Histogram<double> _agentStepsPerSecond;
    private readonly Counter<long> _sweepRunsCompleted;

    /// <summary>Creates the instruments on a new meter.</summary>
    public WorkflowTelemetry()
    {
        Meter = new Meter(Name);
        _agentSteps = Meter.CreateCounter<long>("swarm.simulation.agent_steps", "{agent-step}", "Agent steps simulated (agents × steps), by model.");
        _agentStepsPerSecond = Meter.CreateHistogram<double>("swarm.simulation.agent_steps_per_second", "{agent-step}/s", "Simulation speed of one sweep run or one run chunk, by model.");
        _sweepRunsCompleted = Meter.CreateCounter<long>("swarm.sweep.runs_completed", "{run}", "Sweep runs simulated to their last step and recorded, by model.");
    }

    /// <summary>The instance used by activities that were not given one.</summary>
    public static WorkflowTelemetry Default { get; } = new();

    /// <summary>The meter holding this instance's instruments.</summary>
    public Meter Meter { get; }

    /// <summary>Whether any listener takes these measurements; when false, recording them is a waste of work.</summary>
    public bool IsObserved => _agentSteps.Enabled || _agentStepsPerSecond.Enabled || _sweepRunsCompleted.Enabled;

    /// <summary>
    /// <paramref name="agentSteps"/> agent steps of <paramref name="model"/> were simulated in <paramref name="elapsed"/>
    /// (one sweep run, or one chunk of a run); the speed is recorded when the time is measurable.
    /// </summary>
    public void Simulated(string model, long agentSteps, TimeSpan elapsed)
    {
        if (agentSteps <= 0)
        {
            return;
        }

        var tag = new KeyValuePair<string, object?>("model", model);
        _agentSteps.Add(agentSteps, tag);
        if (elapsed > TimeSpan.Zero)
        {
            _agentStepsPerSecond.Record(agentSteps / elapsed.TotalSeconds, tag);
        }
    }

    /// <summary>A sweep run of <paramref name="model"/> was simulated to its last step and recorded.</summary>
    public void SweepRunCompleted(string model) => _sweepRunsCompleted.Add(1, new KeyValuePair<string, object?>("model", model));

    /// <inheritdoc />
    public void Dispose() => Meter.Dispose();
}
