using System.ComponentModel;

namespace Swarm.Simulation.Checkpoints;

/// <summary>The checkpoint code the Swarm generator writes for one model class; not written by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IModelState
{
    /// <summary>A hash of the saved fields' names and types: a checkpoint of another layout is refused, not misread.</summary>
    int Layout { get; }

    /// <summary>Writes the model's own fields.</summary>
    void Write(Model model, CheckpointWriter writer);

    /// <summary>Restores them on an instance built from the same parameters and seed.</summary>
    void Read(Model model, CheckpointReader reader);
}
