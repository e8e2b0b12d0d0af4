using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.Sagas;

namespace Swarm.Cli;

/// <summary>Prints a finished sweep (summary table, or what failed and what was undone) and copies its results files out.</summary>
public static class SweepResults
{
    /// <summary>Reports the sweep whose top-level instance is <paramref name="metadata"/>; returns the exit code.</summary>
    public static async Task<int> ReportAsync(LocalSwarm swarm, OrchestrationMetadata metadata, string outputFolder, IAnsiConsole console, bool started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(swarm);
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            console.MarkupLine($"[red]sweep {metadata.InstanceId.EscapeMarkup()} {metadata.RuntimeStatus.ToString().ToLowerInvariant()}[/]");
            if (metadata.FailureDetails is { } failure)
            {
                console.MarkupLine(failure.ToString().EscapeMarkup());
            }

            return 1;
        }

        var outcome = metadata.ReadOutputAs<ProvisionOutcome>()!;
        if (outcome.Saga.Status != SagaStatus.Completed || outcome.Sweep is null)
        {
            console.MarkupLine($"[red]sweep {metadata.InstanceId.EscapeMarkup()} {SweepState.Of(metadata).Status.ToLowerInvariant()}[/]");
            WriteSaga(console, outcome.Saga);
            return 1;
        }

        var sweep = outcome.Sweep;
        Directory.CreateDirectory(outputFolder);
        foreach (var name in new[] { sweep.SummaryJson, sweep.SummaryCsv, sweep.Chart })
        {
            var content = await swarm.Store.Blobs.GetAsync(sweep.Container, name, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The sweep's '{name}' is missing from '{sweep.Container}'.");
            await File.WriteAllBytesAsync(Path.Combine(outputFolder, name), content, cancellationToken).ConfigureAwait(false);
        }

        var summary = await swarm.Store.Blobs.GetAsync(sweep.Container, sweep.SummaryJson, cancellationToken).ConfigureAwait(false);
        console.Write(SummaryTable(summary!));
        var resumed = started ? string.Empty : " (resumed)";
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]sweep {sweep.SweepId.EscapeMarkup()}[/]: {sweep.Points} points, {sweep.Runs} runs{resumed}, {sweep.ResumedRuns} taken from earlier results"));
        console.MarkupLine($"results written to [blue]{outputFolder.EscapeMarkup()}[/] ({sweep.SummaryCsv}, {sweep.SummaryJson}, {sweep.Chart})");
        return 0;
    }

    /// <summary>Which steps ran, which failed and which were undone.</summary>
    public static void WriteSaga(IAnsiConsole console, SagaOutcome saga)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(saga);
        console.MarkupLine($"[red]sweep not run[/]: step '{(saga.FailedStep ?? "?").EscapeMarkup()}' failed: {(saga.Error ?? string.Empty).EscapeMarkup()}");
        console.MarkupLine($"  ran: {string.Join(", ", saga.Ran).EscapeMarkup()}");
        console.MarkupLine($"  compensated: {string.Join(", ", saga.Compensated).EscapeMarkup()}");
        foreach (var failure in saga.CompensationFailures)
        {
            console.MarkupLine($"  [red]compensation of '{failure.Step.EscapeMarkup()}' failed[/]: {failure.Error.EscapeMarkup()}");
        }
    }

    /// <summary>The summary as a table: point, varied parameters, and the main metric's n, mean, 95% CI (starred when cut at the metric's bounds) and convergence.</summary>
    public static Table SummaryTable(byte[] summaryJson)
    {
        using var document = JsonDocument.Parse(summaryJson);
        var root = document.RootElement;
        var main = root.GetProperty("mainMetric").GetString()!;
        var varied = root.GetProperty("variedParameters").EnumerateArray().Select(v => v.GetString()!).ToList();
        var table = new Table().Title($"{root.GetProperty("model").GetString()!.EscapeMarkup()}: {main.EscapeMarkup()}");
        table.AddColumn("point");
        foreach (var name in varied)
        {
            table.AddColumn(name.EscapeMarkup());
        }

        table.AddColumns(new TableColumn("n").RightAligned(), new TableColumn("mean").RightAligned(), new TableColumn("95% CI").RightAligned(), new TableColumn("converged"));
        var truncated = false;
        foreach (var point in root.GetProperty("points").EnumerateArray())
        {
            var metric = point.GetProperty("metrics").GetProperty(main);
            var cut = metric.TryGetProperty("ciTruncated", out var flag) && flag.GetBoolean();
            truncated |= cut;
            var cells = new List<string> { point.GetProperty("point").GetInt32().ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(varied.Select(v => point.GetProperty("parameters").TryGetProperty(v, out var value) ? Text(value) : string.Empty));
            cells.Add(metric.GetProperty("n").GetInt64().ToString(CultureInfo.InvariantCulture));
            cells.Add(Number(metric.GetProperty("mean")));
            cells.Add($"[{Number(metric.GetProperty("ciLow"))}, {Number(metric.GetProperty("ciHigh"))}]{(cut ? "*" : string.Empty)}");
            cells.Add(metric.GetProperty("converged").GetBoolean() ? "yes" : "no");
            table.AddRow([.. cells.Select(c => c.EscapeMarkup())]);
        }

        if (truncated)
        {
            table.Caption("* the t interval reached past the metric's bounds and is cut there");
        }

        return table;
    }

    private static string Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("G5", CultureInfo.InvariantCulture) : "–";

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble().ToString("G6", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };
}
