using Swarm.EdgeHft.Book;

namespace Swarm.EdgeHft.Strategy;

/// <summary>The trading decision hook: called on the trading thread after every book change.</summary>
/// <remarks>
/// Must be fast, must not block and must not allocate. Research and slow decisions live in the cloud and reach the
/// edge as parameters; this hook only turns the current book into an order or nothing.
/// </remarks>
public interface IStrategy
{
    /// <summary>Short name for logs and metrics.</summary>
    string Name { get; }

    /// <summary>Decides on <paramref name="book"/>, just updated; true with an <paramref name="intent"/> to send an order.</summary>
    bool OnBookUpdate(OrderBook book, out OrderIntent intent);
}
