using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Book;

/// <summary>A displayed order resting in a book, as the order index keeps it.</summary>
/// <param name="Reference">ITCH order reference number.</param>
/// <param name="StockLocate">Locate code of the book it rests in.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Price">Limit price, 4 implied decimals.</param>
/// <param name="Shares">Remaining displayed shares.</param>
public readonly record struct RestingOrder(ulong Reference, ushort StockLocate, Side Side, uint Price, uint Shares);
