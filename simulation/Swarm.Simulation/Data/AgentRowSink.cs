namespace Swarm.Simulation.Data;

/// <summary>Appends one collection's agent rows to a <see cref="DataCollector"/>; handed to a model's agent reporters.</summary>
public readonly struct AgentRowSink
{
    private readonly DataCollector _collector;
    private readonly long _step;

    internal AgentRowSink(DataCollector collector, long step)
    {
        _collector = collector;
        _step = step;
    }

    /// <summary>Adds a row for a model with one agent reporter.</summary>
    public void Add(long agentId, double value) => _collector.AppendAgentRow(_step, agentId, [value]);

    /// <summary>Adds a row for a model with two agent reporters.</summary>
    public void Add(long agentId, double value0, double value1) => _collector.AppendAgentRow(_step, agentId, [value0, value1]);

    /// <summary>Adds a row; <paramref name="values"/> are in the order of <see cref="DataCollector.AgentReporterNames"/>.</summary>
    public void Add(long agentId, ReadOnlySpan<double> values) => _collector.AppendAgentRow(_step, agentId, values);
}
