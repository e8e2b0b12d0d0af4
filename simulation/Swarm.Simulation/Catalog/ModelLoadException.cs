namespace Swarm.Simulation.Catalog;

/// <summary>A model assembly could not be loaded or defines a model a catalog cannot offer; the message names the assembly and the model.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ModelLoadException()
        : this("A model could not be loaded.")
    {
    }
}
