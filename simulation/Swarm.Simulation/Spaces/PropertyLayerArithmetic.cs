using System.Numerics;

namespace Swarm.Simulation.Spaces;

/// <summary>Whole-layer arithmetic on numeric <see cref="PropertyLayer{T}"/>s, vectorised where the hardware allows.</summary>
public static class PropertyLayerArithmetic
{
    /// <summary>Adds <paramref name="delta"/> to every cell.</summary>
    public static void Add<T>(this PropertyLayer<T> layer, T delta)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        var v = layer.Values;
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var d = new Vector<T>(delta);
            for (; i + Vector<T>.Count <= v.Length; i += Vector<T>.Count)
            {
                (new Vector<T>(v[i..]) + d).CopyTo(v[i..]);
            }
        }

        for (; i < v.Length; i++)
        {
            v[i] += delta;
        }
    }

    /// <summary>Clamps every cell to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Clamp<T>(this PropertyLayer<T> layer, T min, T max)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        var v = layer.Values;
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var (low, high) = (new Vector<T>(min), new Vector<T>(max));
            for (; i + Vector<T>.Count <= v.Length; i += Vector<T>.Count)
            {
                Vector.Min(Vector.Max(new Vector<T>(v[i..]), low), high).CopyTo(v[i..]);
            }
        }

        for (; i < v.Length; i++)
        {
            v[i] = T.Clamp(v[i], min, max);
        }
    }

    /// <summary>The sum over all cells, as a double.</summary>
    public static double Sum<T>(this PropertyLayer<T> layer)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        var sum = 0.0;
        foreach (var v in layer.Values)
        {
            sum += double.CreateChecked(v);
        }

        return sum;
    }

    /// <summary>The smallest value.</summary>
    public static T Min<T>(this PropertyLayer<T> layer)
        where T : unmanaged, INumber<T> => Fold(layer, T.Min);

    /// <summary>The largest value.</summary>
    public static T Max<T>(this PropertyLayer<T> layer)
        where T : unmanaged, INumber<T> => Fold(layer, T.Max);

    private static T Fold<T>(PropertyLayer<T> layer, Func<T, T, T> combine)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        var values = layer.Values;
        var result = values[0];
        foreach (var v in values)
        {
            result = combine(result, v);
        }

        return result;
    }
}
