using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>How the workflows turn an accepted sweep document into its runs.</summary>
public static class SweepSpecs
{
    /// <summary>
    /// Runs <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of the sweep:
    /// run r is point r / replicates, replicate r % replicates.
    /// </summary>
    public static IReadOnlyList<SweepRunRequest> Runs(ModelCatalog catalog, string sweepId, SweepSpec spec, long first, int count)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(spec);
        var model = catalog.Get(spec.Model);
        var firstPoint = (int)(first / spec.Replicates);
        var lastPoint = (int)((first + count - 1) / spec.Replicates);
        var points = spec.Design.Points(spec.Seed, firstPoint, lastPoint - firstPoint + 1);
        var runs = new List<SweepRunRequest>(count);
        for (var run = first; run < first + count; run++)
        {
            var point = (int)(run / spec.Replicates);
            var parameters = SweepParameters.Merge(model, spec.Preset, spec.Parameters, points[point - firstPoint]);
            runs.Add(new SweepRunRequest(sweepId, run, point, (int)(run % spec.Replicates), spec.Model, parameters, spec.Seed, spec.Steps, spec.Metrics));
        }

        return runs;
    }
}
