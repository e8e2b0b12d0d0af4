using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.Runs;
using Swarm.Orchestrations.Statistics;
using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary><c>swarm status &lt;id&gt;</c>: an orchestration's runtime status, progress and timings, and the sweep record when it is a sweep.</summary>
public static class StatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var id = new Argument<string>("id") { Description = "Instance id (a sweep id, or a run's instance id)." };
        var command = new Command("status", "Show the status of a sweep or run.") { id };
        var backend = BackendOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var instanceId = parse.GetRequiredValue(id);
            await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
            if (swarm is null)
            {
                return CliErrors.InputError;
            }

            var metadata = await swarm.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            var record = await SweepRecord.ReadAsync(swarm.Store.Records, instanceId, cancellationToken).ConfigureAwait(false);
            if (metadata is null && record is null)
            {
                return CliErrors.Report(console, "not found", [$"No sweep or run '{instanceId}'."]);
            }

            var table = new Table().AddColumns("field", "value");
            if (metadata is not null)
            {
                var sweep = await swarm.Client.GetInstanceAsync($"{instanceId}:sweep", getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
                var isSweep = sweep is not null || record is not null;
                table.AddRow("orchestration", metadata.Name.EscapeMarkup());
                if (isSweep)
                {
                    var state = SweepState.Of(metadata);
                    table.AddRow("status", state.Status);
                    if (state.Reason is not null)
                    {
                        table.AddRow("reason", state.Reason.EscapeMarkup());
                    }
                }
                else
                {
                    table.AddRow("status", metadata.RuntimeStatus.ToString());
                    if (metadata.FailureDetails is { } failure)
                    {
                        table.AddRow("failure", failure.ErrorMessage.EscapeMarkup());
                    }
                }

                table.AddRow("created", metadata.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
                table.AddRow("updated", metadata.LastUpdatedAt.ToString("u", CultureInfo.InvariantCulture));
                if (metadata.IsCompleted)
                {
                    table.AddRow("took", Took(metadata.LastUpdatedAt - metadata.CreatedAt));
                }

                if (Progress(sweep ?? metadata) is { } progress)
                {
                    table.AddRow("progress", progress.EscapeMarkup());
                }
            }

            if (record is not null)
            {
                table.AddRow("sweep", string.Create(CultureInfo.InvariantCulture, $"{record.Model}, {record.Points} points, {record.Runs} runs (record: {record.Status})").EscapeMarkup());
                if (record.Error is not null && metadata is null)
                {
                    table.AddRow("reason", record.Error.EscapeMarkup());
                }
            }

            console.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>A sweep's or a run's custom status in words: "running: 50/75 runs, 2/3 batches" or "step 40/100, 2,400 steps/s".</summary>
    private static string? Progress(OrchestrationMetadata instance)
    {
        if (instance.SerializedCustomStatus is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(instance.SerializedCustomStatus);
            var root = document.RootElement;
            if (root.TryGetProperty("RunsDone", out _))
            {
                var sweep = instance.ReadCustomStatusAs<SweepProgress>()!;
                return string.Create(CultureInfo.InvariantCulture, $"{sweep.Phase}: {sweep.RunsDone}/{sweep.Runs} runs, {sweep.BatchesDone}/{sweep.Batches} batches");
            }

            if (root.TryGetProperty("Step", out _))
            {
                var run = instance.ReadCustomStatusAs<SimulationProgress>()!;
                var reporters = string.Join(", ", run.Reporters.Select(r => $"{r.Key} {SummaryFiles.Format(r.Value)}"));
                return string.Create(CultureInfo.InvariantCulture, $"step {run.Step}/{run.Steps}, {run.StepsPerSecond:N0} steps/s{(reporters.Length > 0 ? "; " + reporters : string.Empty)}");
            }
        }
        catch (JsonException)
        {
            // Not one of ours: shown as it is below.
        }

        return instance.SerializedCustomStatus;
    }

    private static string Took(TimeSpan took) => took.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{took.TotalSeconds:F1} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)took.TotalMinutes} min {took.Seconds} s");
}
