using System.CommandLine;

namespace Swarm.Functions.Cli;

/// <summary>The <c>swarm</c> command line: one root command, one sub-command per job.</summary>
public static class SwarmCommand
{
    /// <summary>Builds the root command with every sub-command.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Swarm: agent-based simulations and parameter sweeps on a durable runtime.");
        return root;
    }
}
