namespace Swarm.EdgeHft.Itch;

/// <summary>ITCH 5.0 Stock Directory (<c>'R'</c>, 39 bytes), spec section 4.2.1.</summary>
/// <param name="Header">Common header; its locate code is the one every later message for this stock uses.</param>
/// <param name="Stock">Symbol.</param>
/// <param name="MarketCategory">Listing market (Q, G, S, N, A, P, Z, V, space).</param>
/// <param name="FinancialStatusIndicator">Financial status (D, E, Q, S, G, H, J, K, C, N, space).</param>
/// <param name="RoundLotSize">Shares in a round lot.</param>
/// <param name="RoundLotsOnly">Y if only round lots are accepted.</param>
/// <param name="IssueClassification">Issue classification code.</param>
/// <param name="IssueSubType">Issue sub-type, two ASCII characters packed big-endian.</param>
/// <param name="Authenticity">P (live) or T (test).</param>
/// <param name="ShortSaleThresholdIndicator">Y, N or space.</param>
/// <param name="IpoFlag">Y, N or space.</param>
/// <param name="LuldReferencePriceTier">1, 2 or space.</param>
/// <param name="EtpFlag">Y, N or space.</param>
/// <param name="EtpLeverageFactor">ETP leverage factor.</param>
/// <param name="InverseIndicator">Y or N.</param>
public readonly record struct StockDirectoryMessage(
    ItchMessageHeader Header,
    StockSymbol Stock,
    byte MarketCategory,
    byte FinancialStatusIndicator,
    uint RoundLotSize,
    byte RoundLotsOnly,
    byte IssueClassification,
    ushort IssueSubType,
    byte Authenticity,
    byte ShortSaleThresholdIndicator,
    byte IpoFlag,
    byte LuldReferencePriceTier,
    byte EtpFlag,
    uint EtpLeverageFactor,
    byte InverseIndicator);
