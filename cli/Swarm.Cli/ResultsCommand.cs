using System.CommandLine;
using System.Text;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Orchestrations.State;
using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary><c>swarm results &lt;id&gt; --format csv|json|svg</c>: a finished sweep's summary, to standard output or a file.</summary>
public static class ResultsCommand
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = AggregateSweep.SummaryCsv,
        ["json"] = AggregateSweep.SummaryJson,
        ["svg"] = AggregateSweep.Chart,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var id = new Argument<string>("id") { Description = "Sweep id." };
        var format = new Option<string>("--format", "-f") { Description = "csv, json or svg.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong([.. Files.Keys]);
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write to this file instead of standard output." }.File();
        var command = new Command("results", "Print a finished sweep's summary (CSV or JSON) or chart (SVG).") { id, format, output };
        var backend = BackendOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sweepId = parse.GetRequiredValue(id);
            await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
            if (swarm is null)
            {
                return CliErrors.InputError;
            }

            var content = await swarm.Store.Blobs.GetAsync(StateLayout.ResultsContainer(sweepId), Files[parse.GetRequiredValue(format)], cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                return CliErrors.Report(console, "no results", [$"Sweep '{sweepId}' has no summary yet (unknown, still running, or compensated); see 'swarm status {sweepId}'."]);
            }

            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllBytesAsync(file.FullName, content, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                console.Profile.Out.Writer.Write(Encoding.UTF8.GetString(content));
            }

            return 0;
        });
        return command;
    }
}
