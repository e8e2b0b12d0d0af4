namespace Swarm.EdgeHft.Risk;

/// <summary>A ring of the last accepted orders, newest last, for the duplicate check.</summary>
internal sealed class DuplicateWindow(int capacity)
{
    private readonly OrderRequest[] _ring = new OrderRequest[capacity];
    private int _next;
    private int _count;

    public void Add(in OrderRequest order)
    {
        _ring[_next] = order;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
    }

    public bool ContainsWithin(in OrderRequest order, long window)
    {
        var i = _next;
        for (var n = 0; n < _count; n++)
        {
            i = i == 0 ? _ring.Length - 1 : i - 1;
            ref readonly var seen = ref _ring[i];

            // Newest first: once one is outside the window, every older one is too.
            if (order.Timestamp - seen.Timestamp >= window)
            {
                return false;
            }

            if (seen.Account == order.Account && seen.Symbol == order.Symbol && seen.Side == order.Side
                && seen.Price == order.Price && seen.Shares == order.Shares)
            {
                return true;
            }
        }

        return false;
    }
}
