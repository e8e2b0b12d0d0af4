namespace Swarm.Simulation.Checkpoints;

/// <summary>A checkpoint could not be read: wrong magic, unknown version, truncated or corrupt data, or a model mismatch.</summary>
public sealed class CheckpointFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong with the checkpoint.</summary>
    public CheckpointFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that revealed the problem.</summary>
    public CheckpointFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public CheckpointFormatException()
        : base("The checkpoint is invalid.")
    {
    }
}
