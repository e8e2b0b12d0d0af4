using System.Runtime.CompilerServices;

namespace Swarm.Simulation.Spaces;

/// <summary>
/// The shape of a rectangular grid: width, height and whether the edges wrap (torus). Cells are
/// numbered row by row, <c>cell = y * Width + x</c>.
/// </summary>
public sealed class GridTopology
{
    /// <summary>Creates a grid shape.</summary>
    public GridTopology(int width, int height, bool torus)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}×{height} grid has too many cells.");
        }

        Width = width;
        Height = height;
        Torus = torus;
    }

    /// <summary>Cells per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Whether coordinates wrap around at the edges.</summary>
    public bool Torus { get; }

    /// <summary>Number of cells.</summary>
    public int CellCount => Width * Height;

    /// <summary>The cell at (<paramref name="x"/>, <paramref name="y"/>), which must be inside the grid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CellOf(int x, int y) => (y * Width) + x;

    /// <summary>The column of <paramref name="cell"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int XOf(int cell) => cell % Width;

    /// <summary>The row of <paramref name="cell"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int YOf(int cell) => cell / Width;

    /// <summary>
    /// Maps (<paramref name="x"/>, <paramref name="y"/>) onto the grid: wraps on a torus; on a bounded grid
    /// returns false for a point outside.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNormalise(ref int x, ref int y)
    {
        if ((uint)x < (uint)Width && (uint)y < (uint)Height)
        {
            return true;
        }

        if (!Torus)
        {
            return false;
        }

        x %= Width;
        if (x < 0)
        {
            x += Width;
        }

        y %= Height;
        if (y < 0)
        {
            y += Height;
        }

        return true;
    }
}
