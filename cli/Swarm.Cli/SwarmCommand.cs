using System.CommandLine;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>The <c>swarm</c> command line: one root command, one sub-command per job.</summary>
public static class SwarmCommand
{
    /// <summary>Builds the root command with every sub-command, writing to <paramref name="console"/> (the terminal by default).</summary>
    public static RootCommand Create(IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var catalog = ModelCatalog.Default;
        return new RootCommand("Swarm: agent-based simulations and parameter sweeps on a durable runtime.")
        {
            SweepCommand.Create(catalog, console),
            StatusCommand.Create(catalog, console),
            ResultsCommand.Create(catalog, console),
            CancelCommand.Create(catalog, console),
            BackupCommand.Create(catalog, console),
            RestoreCommand.Create(catalog, console),
            RunCommand.Create(catalog, console),
            ResumeCommand.Create(catalog, console),
            ModelsCommand.Create(catalog, console),
            SubmitCommand.Create(catalog, console),
            ServeCommand.Create(catalog, console),
            ServeCommand.CreateToken(console),
            AuditCommand.Create(catalog, console),
            ManifestCommand.Create(console),
            HostCommand.Create(catalog, console),
        };
    }
}
