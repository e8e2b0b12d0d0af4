using System.ComponentModel;

namespace Swarm.Simulation.Checkpoints;

/// <summary>Names the generated checkpoint code of a model class; emitted by the Swarm generator into the model's assembly.</summary>
/// <param name="model">The model class.</param>
/// <param name="state">Its generated <see cref="IModelState"/>.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ModelStateAttribute(Type model, Type state) : Attribute
{
    /// <summary>The model class.</summary>
    public Type Model { get; } = model;

    /// <summary>Its generated checkpoint code.</summary>
    public Type State { get; } = state;
}
