using System.CommandLine;
using System.CommandLine.Help;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Functions.Hosting;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>The <c>swarm</c> command line: one root command, one sub-command per job.</summary>
public static class SwarmCommand
{
    /// <summary>The command's name, as help and error messages show it whatever the executable is called (<c>dotnet run</c> runs <c>Swarm.Cli</c>).</summary>
    public const string Name = "swarm";

    private const string ModelsOption = "--models";

    /// <summary>
    /// Runs <c>swarm</c> with <paramref name="args"/> (see <see cref="CommandInvocation"/> for its exit codes): first loads
    /// the user models <c>--models</c> names (building model projects), then parses and runs the command over the catalog
    /// with them. A model that cannot be loaded is a one-line error naming the assembly and the model, exit code 2.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, IAnsiConsole? console = null, InvocationConfiguration? configuration = null)
    {
        console ??= CommandInvocation.TerminalConsole();
        var given = Create(console).Parse(args).GetValue<string[]>(ModelsOption) ?? [];
        ModelCatalog catalog;
        try
        {
            catalog = ModelAssemblies.Catalog(given.Select(ModelProjects.AssemblyOf));
        }
        catch (ModelLoadException e)
        {
            // Straight to the error stream, unwrapped: one line whatever the terminal's width.
            await (configuration?.Error ?? Console.Error).WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliErrors.InputError;
        }

        return await CommandInvocation.InvokeAsync(Create(console, catalog), args, configuration).ConfigureAwait(false);
    }

    /// <summary>Builds the root command with every sub-command over <paramref name="catalog"/> (the built-in models by default), writing to <paramref name="console"/> (the terminal by default).</summary>
    public static Command Create(IAnsiConsole? console = null, ModelCatalog? catalog = null)
    {
        console ??= CommandInvocation.TerminalConsole();
        catalog ??= ModelCatalog.Default;

        // A RootCommand takes the executable's name; a command named "swarm" with the root's help and version options reads right.
        return new Command(Name, "Swarm: agent-based simulations and parameter sweeps on a durable runtime.")
        {
            new HelpOption(),
            new VersionOption(),
            new Option<string[]>(ModelsOption)
            {
                Description = "User model assemblies (.dll) or projects (.csproj or its folder, built in Release) to add to the catalog; repeatable.",
                Recursive = true,
                AllowMultipleArgumentsPerToken = true,
            },
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
