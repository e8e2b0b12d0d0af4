namespace Swarm.EdgeHft.Orders;

/// <summary>The order gateway session could not be established or was lost.</summary>
public sealed class OrderGatewayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrderGatewayException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OrderGatewayException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public OrderGatewayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
