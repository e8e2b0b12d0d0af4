namespace Swarm.Simulation.Catalog;

/// <summary>A model was asked for with invalid parameters; <see cref="Errors"/> lists every problem, each naming its parameter.</summary>
public sealed class ModelParameterException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="model"/> with all its parameter errors.</summary>
    public ModelParameterException(string model, IReadOnlyList<ParameterError> errors)
        : base($"Invalid parameters for model '{model}': {string.Join("; ", errors ?? [])}")
    {
        Model = model;
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ModelParameterException(string message)
        : base(message)
    {
        Model = string.Empty;
        Errors = [];
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ModelParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
        Model = string.Empty;
        Errors = [];
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ModelParameterException()
        : this("Invalid model parameters.")
    {
    }

    /// <summary>The model asked for.</summary>
    public string Model { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ParameterError> Errors { get; }
}
