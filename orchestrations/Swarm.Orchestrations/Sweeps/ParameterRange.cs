namespace Swarm.Orchestrations.Sweeps;

/// <summary>A sampled parameter's inclusive range; <paramref name="Integer"/> ranges sample whole numbers.</summary>
public sealed record ParameterRange(string Name, double Min, double Max, bool Integer)
{
    /// <summary>Maps <paramref name="unit"/> in [0, 1) onto the range (whole numbers spread evenly over [Min, Max]).</summary>
    public object Scale(double unit)
    {
        if (!Integer)
        {
            return Min + (unit * (Max - Min));
        }

        // Each of the (Max - Min + 1) integers owns an equal share of [0, 1).
        var span = Max - Min + 1;
        return (long)Math.Min(Max, Min + Math.Floor(unit * span));
    }
}
