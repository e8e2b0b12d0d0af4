using System.CommandLine;
using Spectre.Console;
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
}
