using System.CommandLine;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>
/// <c>swarm sweep &lt;file.json&gt;</c>: runs a parameter sweep through the durable runtime on the embedded
/// backend, shows its progress, prints the summary table and writes the results files.
/// </summary>
/// <remarks>
/// Running the same command again after the process died (or was stopped) resumes the same sweep:
/// its id comes from the file's content and its history and results live in the data folder.
/// </remarks>
public static class SweepCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Builds the command over <paramref name="catalog"/>.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The sweep document (JSON); see samples/*-sweep.json." }.File();
        var id = new Option<string?>("--id") { Description = "Sweep id (default: the file name and a hash of its content, so re-running resumes)." };
        var output = new Option<string?>("--out", "-o") { Description = "Results folder (default: results/<sweep id> in the --data folder)." }.Folder();
        var batch = new Option<int>("--batch-size") { Description = "Runs per batch sub-orchestration.", DefaultValueFactory = _ => 25 };
        var inFlight = new Option<int>("--max-batches") { Description = "Batches running at once.", DefaultValueFactory = _ => 4 };
        var chunkSteps = new Option<int>("--chunk-steps") { Description = "Runs longer than this many steps run as their own chunked, checkpointed orchestration.", DefaultValueFactory = _ => 5000 };
        foreach (var option in new[] { batch, inFlight, chunkSteps })
        {
            option.AtLeast(1);
        }

        var command = new Command("sweep", "Run a parameter sweep on the embedded durable backend and write its summary (CSV, JSON, SVG chart).")
        {
            file, id, output, batch, inFlight, chunkSteps,
        };
        var backend = BackendOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file);
            string json;
            try
            {
                json = await File.ReadAllTextAsync(path.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return CliErrors.Report(console, $"cannot read '{path.Name}'", [e.Message]);
            }

            var spec = new SweepSpecReader(catalog).Read(json, out var errors);
            if (spec is null)
            {
                return CliErrors.Report(console, $"'{path.Name}' is not a valid sweep", errors.Select(e => e.ToString()));
            }

            var sweepId = parse.GetValue(id) ?? SweepIds.ForFile(path.Name, json);
            if (!SweepIds.IsValid(sweepId))
            {
                return CliErrors.Report(console, "bad --id", [$"'{sweepId}' is not 1-64 letters, digits, '-' or '_'."]);
            }

            var request = new SweepRequest(sweepId, spec, parse.GetValue(batch), parse.GetValue(inFlight), parse.GetValue(chunkSteps));
            await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
            if (swarm is null)
            {
                return CliErrors.InputError;
            }

            var started = await StartOrAttachAsync(swarm.Client, request, console, cancellationToken).ConfigureAwait(false);
            var metadata = await FollowAsync(swarm.Client, sweepId, spec, console, cancellationToken).ConfigureAwait(false);
            if (metadata is null)
            {
                console.MarkupLine($"[yellow]stopped[/]; run the same command again to resume sweep [blue]{sweepId.EscapeMarkup()}[/].");
                return 130;
            }

            return await SweepResults.ReportAsync(swarm, metadata, parse.GetValue(output) ?? Path.Combine(backend.DataFolder(parse), "results", sweepId), console, started, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Schedules the sweep, or attaches to it when it is already running or done under this id.</summary>
    private static async Task<bool> StartOrAttachAsync(DurableTaskClient client, SweepRequest request, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(request.SweepId, cancellationToken).ConfigureAwait(false);
        if (existing is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Completed })
        {
            console.MarkupLine(existing.IsRunning
                ? $"sweep [blue]{request.SweepId.EscapeMarkup()}[/] was interrupted: resuming it."
                : $"sweep [blue]{request.SweepId.EscapeMarkup()}[/] already completed.");
            return false;
        }

        // A failed or terminated sweep is scheduled again under the same id: runs whose results are stored are skipped.
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ProvisionSweep), request, new StartOrchestrationOptions(request.SweepId), cancellationToken).ConfigureAwait(false);
        console.MarkupLine($"sweep [blue]{request.SweepId.EscapeMarkup()}[/] started.");
        return true;
    }

    /// <summary>Shows progress until the sweep finishes; null when the caller cancelled first.</summary>
    private static async Task<OrchestrationMetadata?> FollowAsync(DurableTaskClient client, string sweepId, SweepSpec spec, IAnsiConsole console, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? finished = null;
        string? lastReported = null;

        // Without a live terminal, progress goes out as lines so logs show it: each new count or phase once.
        void Report(long done, long runs, string phase)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"progress: {done}/{runs} runs ({phase})");
            if (!console.Profile.Capabilities.Interactive && line != lastReported)
            {
                lastReported = line;
                console.WriteLine(line);
            }
        }

        try
        {
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"{spec.Model}: {spec.RunCount} runs", maxValue: spec.RunCount);
                    while (true)
                    {
                        var top = await client.GetInstanceAsync(sweepId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
                        if (top is { IsCompleted: true })
                        {
                            // The bar, its count and the percentage say the same thing: all runs when the sweep completed, else where it stopped.
                            finished = top;
                            var outcome = SweepState.Of(top);
                            var done = outcome.Succeeded ? spec.RunCount : (long)task.Value;
                            task.Value = done;
                            task.Description = string.Create(CultureInfo.InvariantCulture, $"{spec.Model}: {done}/{spec.RunCount} runs {outcome.Status.ToLowerInvariant()}");
                            Report(done, spec.RunCount, outcome.Status.ToLowerInvariant());

                            return;
                        }

                        var sweep = await client.GetInstanceAsync($"{sweepId}:sweep", getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
                        var state = sweep?.SerializedCustomStatus is null ? null : sweep.ReadCustomStatusAs<SweepProgress>();
                        if (state is not null)
                        {
                            task.Value = state.RunsDone;
                            task.Description = $"{spec.Model}: {state.Phase} {state.RunsDone}/{state.Runs} runs";
                            Report(state.RunsDone, state.Runs, state.Phase);
                        }

                        await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return finished;
    }
}
