using System.Runtime.CompilerServices;
using Swarm.Simulation.Randomness;

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
        _inverseWidth = 1.0 / width;
    }

    private readonly double _inverseWidth;

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

    /// <summary>The column and row of <paramref name="cell"/>, by a reciprocal multiplication corrected by one either way (a hardware divide costs more).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int X, int Y) PositionOf(int cell)
    {
        var y = (int)(cell * _inverseWidth);
        if (y * Width > cell)
        {
            y--;
        }
        else if ((y + 1) * Width <= cell)
        {
            y++;
        }

        return (cell - (y * Width), y);
    }

    /// <summary>
    /// A uniformly random cell among the (up to 8) cells adjacent to <paramref name="cell"/>, wrapping on a torus and
    /// choosing only among those inside a bounded grid; <paramref name="cell"/> itself on a 1×1 grid.
    /// </summary>
    /// <remarks>One draw of 8 per try, rejected when it falls off a bounded grid: the cells that exist stay equally likely.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RandomNeighbourCell(int cell, SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (x, y) = PositionOf(cell);
        if (Width == 1 && Height == 1)
        {
            return cell;
        }

        while (true)
        {
            var k = random.NextInt(8);
            // Offsets of the 3×3 block in row order, skipping the centre (index 4).
            var block = k < 4 ? k : k + 1;
            var nx = x + (block % 3) - 1;
            var ny = y + (block / 3) - 1;
            if (TryNormalise(ref nx, ref ny))
            {
                return CellOf(nx, ny);
            }
        }
    }

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
