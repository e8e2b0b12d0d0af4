using System.CommandLine;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Functions.Hosting;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>The <c>swarm</c> command line: one root command, one sub-command per job.</summary>
public static class SwarmCommand
{
    private const string ModelsOption = "--models";

    /// <summary>
    /// Runs <c>swarm</c> with <paramref name="args"/>: first loads the user models <c>--models</c> names (building model
    /// projects), then parses and runs the command over the catalog with them. A model that cannot be loaded is a
    /// one-line error naming the assembly and the model, exit code 2.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, IAnsiConsole? console = null, InvocationConfiguration? configuration = null)
    {
        console ??= AnsiConsole.Console;
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

        return await Create(console, catalog).Parse(args).InvokeAsync(configuration ?? new()).ConfigureAwait(false);
    }

    /// <summary>Builds the root command with every sub-command over <paramref name="catalog"/> (the built-in models by default), writing to <paramref name="console"/>.</summary>
    public static RootCommand Create(IAnsiConsole? console = null, ModelCatalog? catalog = null)
    {
        console ??= AnsiConsole.Console;
        catalog ??= ModelCatalog.Default;
        return new RootCommand("Swarm: agent-based simulations and parameter sweeps on a durable runtime.")
        {
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
