namespace Swarm.EdgeHft.Xdp;

/// <summary>AF_XDP cannot be used here (no privilege, no such interface, no driver support); the message says which step failed.</summary>
public sealed class XdpUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public XdpUnavailableException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public XdpUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public XdpUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
