namespace Swarm.Simulation;

/// <summary>
/// Hands out agent ids; several <see cref="AgentSlots"/> (one per agent type) can share one, so ids
/// stay unique across the whole model.
/// </summary>
public sealed class AgentIdSequence
{
    /// <summary>Starts at <paramref name="first"/>.</summary>
    public AgentIdSequence(long first = 0)
    {
        Next = first;
    }

    /// <summary>The id the next agent will get.</summary>
    public long Next { get; internal set; }

    internal long Take() => Next++;
}
