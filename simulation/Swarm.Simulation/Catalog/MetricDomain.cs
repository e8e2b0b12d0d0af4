namespace Swarm.Simulation.Catalog;

/// <summary>The values a model reporter can take; summaries keep their intervals inside it.</summary>
public enum MetricDomain
{
    /// <summary>Any real number.</summary>
    Real,

    /// <summary>A real number of at least zero (a mean, a distance).</summary>
    NonNegative,

    /// <summary>A whole number of at least zero (agents, cells).</summary>
    Count,

    /// <summary>A fraction in [0, 1] (a share of agents, a Gini coefficient, an order parameter).</summary>
    Fraction,

    /// <summary>0 or 1 per run (did the fire reach the far edge): across replicates, a success proportion.</summary>
    Outcome,
}
