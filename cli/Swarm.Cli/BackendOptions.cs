using System.CommandLine;
using Spectre.Console;
using Swarm.Durable.Embedded;
using Swarm.Functions.Commands;
using Swarm.Functions.Intake;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>
/// The options that choose where a command's orchestrations and state live: <c>--store embedded</c>
/// (the default; <c>--data</c> folder) or <c>--store azure --connection &lt;connection string&gt;</c>
/// (Azure Storage or Azurite; <c>SWARM_STORAGE_CONNECTION</c> when the option is omitted).
/// </summary>
public sealed class BackendOptions
{
    /// <summary>The environment variable read when <c>--connection</c> is omitted, so the secret stays off the command line.</summary>
    public const string ConnectionVariable = BackgroundFunctionsServiceCollectionExtensions.StorageConnectionVariable;

    private readonly Option<string> _data = new Option<string>("--data") { Description = "Data folder of the embedded backend.", DefaultValueFactory = _ => LocalSwarm.DefaultDataFolder }.Folder();
    private readonly Option<string> _store = new("--store") { Description = "embedded, or azure (Azure Storage / Azurite).", DefaultValueFactory = _ => "embedded" };
    private readonly Option<string?> _connection = new("--connection") { Description = $"Storage connection string for --store azure (default: ${ConnectionVariable})." };
    private readonly Option<string> _taskHub = new("--task-hub") { Description = "Task hub name for --store azure.", DefaultValueFactory = _ => "SwarmHub" };
    private readonly Option<bool> _clientOnly = new("--client-only") { Description = "With --store azure: submit into and read a task hub that another process (the deployed function app) runs; dispatch no work here." };

    private BackendOptions()
    {
        _store.AcceptOnlyFromAmong("embedded", "azure");
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public static BackendOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new BackendOptions();
        command.Options.Add(options._data);
        command.Options.Add(options._store);
        command.Options.Add(options._connection);
        command.Options.Add(options._taskHub);
        command.Options.Add(options._clientOnly);
        return options;
    }

    /// <summary>The data folder: the embedded backend's, and where local results go.</summary>
    public string DataFolder(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetRequiredValue(_data);
    }

    /// <summary>
    /// Starts the chosen backend, or reports why it cannot (exit code 2) and returns null.
    /// </summary>
    public async Task<LocalSwarm?> StartAsync(ParseResult parse, ModelCatalog catalog, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetRequiredValue(_store) == "embedded")
        {
            if (parse.GetValue(_clientOnly))
            {
                CliErrors.Report(console, "--client-only needs --store azure", ["An embedded task hub has no other process to run its work."]);
                return null;
            }

            try
            {
                return await LocalSwarm.StartAsync(parse.GetRequiredValue(_data), catalog, notice => console.MarkupLineInterpolated($"[yellow]warning:[/] {notice}"), cancellationToken).ConfigureAwait(false);
            }
            catch (TaskHubFileException e)
            {
                CliErrors.Report(console, "cannot open the task hub", [e.Message, $"The data folder is '{Path.GetFullPath(parse.GetRequiredValue(_data))}'; pass another --data folder to start afresh."]);
                return null;
            }
        }

        var connection = parse.GetValue(_connection) ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            CliErrors.Report(console, "--store azure needs a connection", [$"Pass --connection or set {ConnectionVariable}."]);
            return null;
        }

        try
        {
            return await LocalSwarm.StartAzureAsync(connection, parse.GetRequiredValue(_taskHub), catalog, runWorker: !parse.GetValue(_clientOnly), cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            CliErrors.Report(console, "bad --connection", [e.Message]);
            return null;
        }
        catch (InvalidOperationException e)
        {
            CliErrors.Report(console, "cannot open the task hub", [e.Message]);
            return null;
        }
    }
}
