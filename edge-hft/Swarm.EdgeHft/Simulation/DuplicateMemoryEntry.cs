namespace Swarm.EdgeHft.Simulation;

/// <summary>One entry of the simulated card's duplicate memory (compared with every check in parallel).</summary>
/// <param name="Account">Account.</param>
/// <param name="Symbol">Symbol bytes.</param>
/// <param name="Side">Side byte.</param>
/// <param name="Price">Price.</param>
/// <param name="Shares">Shares.</param>
/// <param name="Timestamp">When it was accepted (ns).</param>
internal readonly record struct DuplicateMemoryEntry(ushort Account, ulong Symbol, byte Side, uint Price, uint Shares, long Timestamp);
