using System.CommandLine;
using System.CommandLine.Help;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>The <c>swarm</c> command line: one root command, one sub-command per job.</summary>
public static class SwarmCommand
{
    /// <summary>The command's name, as help and error messages show it whatever the executable is called (<c>dotnet run</c> runs <c>Swarm.Cli</c>).</summary>
    public const string Name = "swarm";

    /// <summary>Builds the root command with every sub-command, writing to <paramref name="console"/> (the terminal by default).</summary>
    public static Command Create(IAnsiConsole? console = null)
    {
        console ??= CommandInvocation.TerminalConsole();
        var catalog = ModelCatalog.Default;

        // A RootCommand takes the executable's name; a command named "swarm" with the root's help and version options reads right.
        return new Command(Name, "Swarm: agent-based simulations and parameter sweeps on a durable runtime.")
        {
            new HelpOption(),
            new VersionOption(),
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

    /// <summary>Runs <c>swarm</c> with <paramref name="args"/> (see <see cref="CommandInvocation"/> for its exit codes).</summary>
    public static Task<int> InvokeAsync(string[] args, IAnsiConsole? console = null, InvocationConfiguration? configuration = null) =>
        CommandInvocation.InvokeAsync(Create(console), args, configuration);
}
