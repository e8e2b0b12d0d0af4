namespace Swarm.EdgeHft.Risk.Fpga;

/// <summary>The risk card could not be reached, timed out, or refused its configuration.</summary>
public sealed class RiskDeviceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RiskDeviceException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RiskDeviceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public RiskDeviceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
