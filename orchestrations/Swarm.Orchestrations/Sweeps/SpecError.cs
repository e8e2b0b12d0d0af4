namespace Swarm.Orchestrations.Sweeps;

/// <summary>One problem in a submitted job, located by its JSON path (e.g. <c>$.design.factors.radius[2]</c>).</summary>
public sealed record SpecError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
