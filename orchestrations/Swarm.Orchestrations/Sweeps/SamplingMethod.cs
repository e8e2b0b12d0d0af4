namespace Swarm.Orchestrations.Sweeps;

/// <summary>How a <see cref="SampledDesign"/> draws its points.</summary>
public enum SamplingMethod
{
    /// <summary>Independent uniform draws.</summary>
    Random,

    /// <summary>Latin hypercube: stratified so every range's bins are each hit once.</summary>
    LatinHypercube,
}
