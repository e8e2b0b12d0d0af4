namespace Swarm.Storage.Tests;

/// <summary>An enum column, stored by name.</summary>
public enum SampleColour
{
    Red,
    Green,
}
