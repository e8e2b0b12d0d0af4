using Microsoft.CodeAnalysis;

namespace Swarm.Simulation.Generators;

/// <summary>The errors the checkpoint generator reports at compile time.</summary>
internal static class Diagnostics
{
    public static readonly DiagnosticDescriptor UnsupportedField = new(
        "SWARM001",
        "Model state a checkpoint cannot hold",
        "Field '{0}' of model '{1}' has type '{2}', which a checkpoint cannot hold: keep state in an AgentSet, a space, a PropertyLayer, an array of unmanaged values or unmanaged fields, or mark the field [NotCheckpointed] if it is scratch the model rebuilds before reading it",
        "Swarm.Checkpoints",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedModel = new(
        "SWARM002",
        "Model class the checkpoint generator cannot reach",
        "Model '{0}' must be a non-generic class that is public or internal (not nested in a private type)",
        "Swarm.Checkpoints",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
