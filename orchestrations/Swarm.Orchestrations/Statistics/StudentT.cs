namespace Swarm.Orchestrations.Statistics;

/// <summary>Two-sided 95% critical values of Student's t distribution.</summary>
public static class StudentT
{
    // t(0.975, df) for df = 1..30, from the standard tables.
    private static readonly double[] Table =
    [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ];

    private const double Z = 1.959963984540054;

    /// <summary>The 97.5th percentile of t with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double Critical975(long degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= Table.Length)
        {
            return Table[degreesOfFreedom - 1];
        }

        // Cornish–Fisher expansion around the normal quantile; within 1e-4 of the exact value beyond df = 30.
        var df = (double)degreesOfFreedom;
        const double z3 = Z * Z * Z;
        const double z5 = z3 * Z * Z;
        return Z + ((z3 + Z) / (4 * df)) + (((5 * z5) + (16 * z3) + (3 * Z)) / (96 * df * df));
    }
}
