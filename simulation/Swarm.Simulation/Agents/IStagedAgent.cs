namespace Swarm.Simulation.Agents;

/// <summary>An agent stepped in two phases (simultaneous activation): every agent stages against the same state, then every agent applies.</summary>
public interface IStagedAgent<in TModel>
    where TModel : Model
{
    /// <summary>Works out the agent's next state from the current state of everything, changing only the agent itself.</summary>
    void Stage(TModel model, int self);

    /// <summary>Commits what <see cref="Stage"/> worked out.</summary>
    void Apply(TModel model, int self);
}
