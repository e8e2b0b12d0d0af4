namespace Swarm.EdgeHft.Itch;

/// <summary>Fixed wire lengths, in bytes, of the ITCH 5.0 messages this project decodes (including the type byte).</summary>
public static class ItchMessageLength
{
    /// <summary>Message type (1) + stock locate (2) + tracking number (2) + timestamp (6).</summary>
    public const int Header = 11;

    /// <summary><c>'S'</c>: header + event code (1).</summary>
    public const int SystemEvent = 12;

    /// <summary><c>'R'</c>: header + stock (8) + 13 bytes of flags, lot size (4) and leverage factor (4).</summary>
    public const int StockDirectory = 39;

    /// <summary><c>'A'</c>: header + reference (8) + side (1) + shares (4) + stock (8) + price (4).</summary>
    public const int AddOrder = 36;

    /// <summary><c>'F'</c>: Add Order + attribution (4).</summary>
    public const int AddOrderWithAttribution = 40;

    /// <summary><c>'E'</c>: header + reference (8) + executed shares (4) + match number (8).</summary>
    public const int OrderExecuted = 31;

    /// <summary><c>'C'</c>: Order Executed + printable (1) + execution price (4).</summary>
    public const int OrderExecutedWithPrice = 36;

    /// <summary><c>'X'</c>: header + reference (8) + cancelled shares (4).</summary>
    public const int OrderCancel = 23;

    /// <summary><c>'D'</c>: header + reference (8).</summary>
    public const int OrderDelete = 19;

    /// <summary><c>'U'</c>: header + original reference (8) + new reference (8) + shares (4) + price (4).</summary>
    public const int OrderReplace = 35;

    /// <summary><c>'P'</c>: header + reference (8) + side (1) + shares (4) + stock (8) + price (4) + match number (8).</summary>
    public const int Trade = 44;
}
