using System.Buffers;
using Swarm.Simulation.Agents;

namespace Swarm.Simulation.Data;

/// <summary>Inequality measures over a population, for reporters.</summary>
public static class Inequality
{
    /// <summary>The Gini coefficient of <paramref name="value"/> over the live agents of <paramref name="agents"/> (0 when all are equal or the total is 0).</summary>
    /// <remarks>
    /// <c>2 Σ i·x(i) / (n Σ x) − (n + 1) / n</c> over the values in ascending order, ranks 1..n. The values are sorted in
    /// a pooled buffer, so a reporter read every step allocates nothing once warm; for whole-number values every sum
    /// is exact, so the result does not depend on how the values were ordered before the sort.
    /// </remarks>
    public static double Gini<T>(AgentSet<T> agents, Func<T, double> value)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(agents);
        var buffer = ArrayPool<double>.Shared.Rent(Math.Max(1, agents.Count));
        try
        {
            var values = buffer.AsSpan(0, agents.CopyValues(value, buffer));
            values.Sort();
            double weighted = 0;
            double total = 0;
            for (var i = 0; i < values.Length; i++)
            {
                weighted += (i + 1) * values[i];
                total += values[i];
            }

            double n = values.Length;
            return n == 0 || total == 0 ? 0 : (2 * weighted / (n * total)) - ((n + 1) / n);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
