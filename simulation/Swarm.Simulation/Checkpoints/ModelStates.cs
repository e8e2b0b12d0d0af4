using System.Collections.Concurrent;
using System.Reflection;

namespace Swarm.Simulation.Checkpoints;

/// <summary>Finds the generated checkpoint code of a model class, once per class.</summary>
internal static class ModelStates
{
    // Immutable facts about loaded types, not model state: every instance of a class shares its checkpoint code.
    private static readonly ConcurrentDictionary<Type, IModelState?> Known = new();

    public static IModelState For(Type model) =>
        Known.GetOrAdd(model, static type => type.Assembly.GetCustomAttributes<ModelStateAttribute>()
            .Where(a => a.Model == type)
            .Select(a => (IModelState?)Activator.CreateInstance(a.State))
            .FirstOrDefault())
        ?? throw new InvalidOperationException(
            $"Model class {model.FullName} in assembly {model.Assembly.GetName().Name} has no generated checkpoint code: its project must reference Swarm.Simulation as a package, or its generator as an analyzer (see docs/models.md).");
}
