namespace Swarm.Cli.Tests;

/// <summary>Tests that set this process's environment variables: they run alone, after every parallel test, so no other app reads their settings.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}
