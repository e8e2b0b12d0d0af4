using Swarm.EdgeHft.Orders;

namespace Swarm.EdgeHft.Simulation;

/// <summary>An order resting at the <see cref="ExchangeSimulator"/>: what was entered (open shares) and its exchange reference.</summary>
/// <param name="Order">The order with its remaining open shares.</param>
/// <param name="Reference">The exchange's order reference number.</param>
internal readonly record struct SimulatedOpenOrder(OuchEnterOrder Order, ulong Reference);
