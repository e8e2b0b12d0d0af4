namespace Swarm.EdgeHft.Trading;

/// <summary>One of our orders still open at the exchange, kept to give risk credit back when it ends unfilled.</summary>
/// <param name="Account">Risk account.</param>
/// <param name="Price">Limit price, 4 implied decimals.</param>
/// <param name="OpenShares">Shares neither executed nor canceled yet.</param>
internal readonly record struct LiveOrder(ushort Account, uint Price, uint OpenShares);
