namespace Swarm.EdgeHft.Itch;

/// <summary>Receives the messages <see cref="ItchParser"/> decodes. Messages are passed by reference to stack copies.</summary>
/// <remarks>Implementations sit on the hot path: they must not allocate or block.</remarks>
public interface IItchMessageHandler
{
    /// <summary>System Event (<c>'S'</c>).</summary>
    void OnSystemEvent(in SystemEventMessage message);

    /// <summary>Stock Directory (<c>'R'</c>).</summary>
    void OnStockDirectory(in StockDirectoryMessage message);

    /// <summary>Add Order (<c>'A'</c> or <c>'F'</c>).</summary>
    void OnAddOrder(in AddOrderMessage message);

    /// <summary>Order Executed (<c>'E'</c>) or Order Executed With Price (<c>'C'</c>).</summary>
    void OnOrderExecuted(in OrderExecutedMessage message);

    /// <summary>Order Cancel (<c>'X'</c>).</summary>
    void OnOrderCancel(in OrderCancelMessage message);

    /// <summary>Order Delete (<c>'D'</c>).</summary>
    void OnOrderDelete(in OrderDeleteMessage message);

    /// <summary>Order Replace (<c>'U'</c>).</summary>
    void OnOrderReplace(in OrderReplaceMessage message);

    /// <summary>Trade, non-cross (<c>'P'</c>).</summary>
    void OnTrade(in TradeMessage message);
}
