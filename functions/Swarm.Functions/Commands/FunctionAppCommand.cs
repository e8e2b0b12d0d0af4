using System.CommandLine;
using Spectre.Console;
using Swarm.Functions.Hosting;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Commands;

/// <summary>
/// The function app's own executable (what <c>host.json</c>'s <c>defaultExecutablePath</c> starts and <c>dotnet publish</c>
/// packages): <c>host</c> for the Functions host, <c>manifest</c> for the publish step. The commands users type are
/// <c>swarm</c>'s (<c>cli/Swarm.Cli</c>).
/// </summary>
public static class FunctionAppCommand
{
    /// <summary>Builds the root command over <paramref name="catalog"/> (the built-in models by default), writing to <paramref name="console"/> (the terminal by default).</summary>
    public static RootCommand Create(IAnsiConsole? console = null, ModelCatalog? catalog = null)
    {
        console ??= AnsiConsole.Console;
        return new RootCommand("Swarm function app: the Azure Functions custom handler.")
        {
            HostCommand.Create(catalog ?? ModelCatalog.Default, console),
            ManifestCommand.Create(console),
        };
    }

    /// <summary>
    /// Runs the executable with <paramref name="args"/> (see <see cref="CommandInvocation"/> for its exit codes) over the
    /// built-in models and the user models the <c>SWARM_MODELS</c> setting names, or that publishing put in <c>models/</c>;
    /// a model that cannot be loaded is a one-line error naming the assembly and the model, exit code 2.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, IAnsiConsole? console = null, InvocationConfiguration? configuration = null)
    {
        ModelCatalog catalog;
        try
        {
            catalog = ModelAssemblies.FromSetting(Environment.GetEnvironmentVariable(ModelAssemblies.Setting), AppContext.BaseDirectory);
        }
        catch (ModelLoadException e)
        {
            await (configuration?.Error ?? Console.Error).WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliErrors.InputError;
        }

        return await CommandInvocation.InvokeAsync(Create(console ?? CommandInvocation.TerminalConsole(), catalog), args, configuration).ConfigureAwait(false);
    }
}
