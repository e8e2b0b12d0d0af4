using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Strategy;

/// <summary>What a strategy wants to send; the pipeline adds the account, token and reference price.</summary>
/// <param name="Side">Buy or sell.</param>
/// <param name="Price">Limit price, 4 implied decimals.</param>
/// <param name="Shares">Quantity.</param>
/// <param name="TimeInForce">OUCH time in force (0 = immediate-or-cancel).</param>
public readonly record struct OrderIntent(Side Side, uint Price, uint Shares, uint TimeInForce);
