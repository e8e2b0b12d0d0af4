using Swarm.Simulation.Data;

namespace Swarm.Simulation.Agents;

/// <summary>The agent reporters registered for one <see cref="AgentSet{T}"/>, by column.</summary>
internal sealed class AgentColumns<T>(AgentSet<T> agents) : IAgentColumns
    where T : unmanaged
{
    private Func<T, int, double>?[] _values = [];

    public AgentSet<T> Agents { get; } = agents;

    public void Set(int column, Func<T, int, double> value)
    {
        if (_values.Length <= column)
        {
            Array.Resize(ref _values, column + 1);
        }

        _values[column] = value;
    }

    public void Collect(AgentRowSink sink, Span<double> row)
    {
        for (var slot = 0; slot < Agents.HighWater; slot++)
        {
            if (!Agents.IsAlive(slot))
            {
                continue;
            }

            var agent = Agents[slot];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = c < _values.Length && _values[c] is { } value ? value(agent, slot) : double.NaN;
            }

            sink.Add(Agents.IdOf(slot), row);
        }
    }
}
