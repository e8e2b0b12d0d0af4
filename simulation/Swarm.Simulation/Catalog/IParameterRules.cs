namespace Swarm.Simulation.Catalog;

/// <summary>A parameter record with rules across its parameters, checked once every parameter is in range.</summary>
public interface IParameterRules
{
    /// <summary>Every broken rule (<see cref="ParameterError.For"/> names the parameter as requests do); empty when all hold.</summary>
    IEnumerable<ParameterError> Check();
}
