namespace Swarm.EdgeHft.Configuration;

/// <summary>How the FPGA risk engine reaches the card.</summary>
public sealed record RiskDeviceConfig
{
    /// <summary><c>mmap</c> (mailbox file / PCIe BAR), <c>tcp</c>, <c>unix</c>, or <c>simulated</c> (in-process model).</summary>
    public string Transport { get; init; } = "simulated";

    /// <summary>Mailbox file or Unix socket path.</summary>
    public string? Path { get; init; }

    /// <summary>TCP host.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port.</summary>
    public int Port { get; init; }

    /// <summary>Answer timeout; an order whose check times out is refused.</summary>
    public int TimeoutMilliseconds { get; init; } = 50;
}
