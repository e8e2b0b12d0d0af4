namespace Swarm.Simulation.Agents;

/// <summary>An agent type: a struct of the agent's own properties and its behaviour in a step.</summary>
/// <typeparam name="TModel">The model the agent lives in; <see cref="Step"/> reads and changes the world through it.</typeparam>
/// <remarks>
/// The struct is stepped in place inside its <see cref="AgentSet{T}"/>, so assignments to its fields are the agent's
/// new state. It may add and remove agents of any set during its step, itself included: the activation skips agents
/// removed before their turn and does not step agents born during it.
/// </remarks>
public interface IAgent<in TModel>
    where TModel : Model
{
    /// <summary>The agent's behaviour; <paramref name="self"/> is its slot in its set (what spaces and the set know it by).</summary>
    void Step(TModel model, int self);
}
