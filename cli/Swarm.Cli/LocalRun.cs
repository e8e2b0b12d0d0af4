using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Swarm.Simulation;

namespace Swarm.Cli;

/// <summary>
/// Steps one model in-process with a progress bar, then prints its reporters and writes its results:
/// <c>data.csv</c>, <c>data.json</c>, <c>agents.csv</c> (when agents are collected), <c>checkpoint.swarm</c>
/// (resumable with <c>swarm resume</c>) and <c>run.json</c> (what ran, how long, the state hash).
/// </summary>
public sealed class LocalRun(IAnsiConsole console)
{
    private const int MaxTableRows = 12;

    /// <summary>Runs <paramref name="model"/> until it has taken <paramref name="untilStep"/> steps and writes the results to <paramref name="outputDirectory"/>.</summary>
    public int Execute(Model model, long untilStep, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(model);
        var startStep = model.StepCount;
        var started = Stopwatch.GetTimestamp();
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask($"{model.Name} step {startStep}→{untilStep}", maxValue: Math.Max(1, untilStep - startStep));

                // Report progress about a hundred times a run: often enough to watch, rare enough to cost nothing.
                var stride = Math.Max(1, (untilStep - startStep) / 100);
                while (model.StepCount < untilStep)
                {
                    model.RunUntil(Math.Min(untilStep, model.StepCount + stride));
                    task.Value = model.StepCount - startStep;
                }
            });
        var elapsed = Stopwatch.GetElapsedTime(started);

        var stepsTaken = model.StepCount - startStep;
        var stepsPerSecond = elapsed.TotalSeconds > 0 ? stepsTaken / elapsed.TotalSeconds : double.PositiveInfinity;
        var stateHash = model.StateHash();

        console.Write(DataTable(model));
        console.Write(ReporterTable(model));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]{model.Name.EscapeMarkup()}[/]: {stepsTaken} steps in {elapsed.TotalMilliseconds:F1} ms ({stepsPerSecond:F0} steps/s), state hash {stateHash:x16}"));

        Directory.CreateDirectory(outputDirectory);
        WriteText(Path.Combine(outputDirectory, "data.csv"), model.Data.WriteCsv);
        WriteText(Path.Combine(outputDirectory, "data.json"), model.Data.WriteJson);
        if (model.Data.AgentRowCount > 0)
        {
            WriteText(Path.Combine(outputDirectory, "agents.csv"), model.Data.WriteAgentCsv);
        }

        using (var checkpoint = File.Create(Path.Combine(outputDirectory, "checkpoint.swarm")))
        {
            model.SaveCheckpoint(checkpoint);
        }

        WriteManifest(Path.Combine(outputDirectory, "run.json"), model, startStep, elapsed, stepsPerSecond, stateHash);
        console.MarkupLine($"results written to [blue]{outputDirectory.EscapeMarkup()}[/]");
        return 0;
    }

    private static Table DataTable(Model model)
    {
        var data = model.Data;
        var table = new Table().Title("collected data");
        table.AddColumn("step");
        foreach (var name in data.ModelReporterNames)
        {
            table.AddColumn(new TableColumn(name.EscapeMarkup()).RightAligned());
        }

        // Long runs are sampled evenly so the table stays readable; the files hold every row.
        var rows = data.ModelRowCount;
        var stride = Math.Max(1, (rows + MaxTableRows - 1) / MaxTableRows);
        for (var r = 0; r < rows; r += stride)
        {
            AddRow(table, data.GetModelRow(r));
        }

        if (rows > 0 && (rows - 1) % stride != 0)
        {
            AddRow(table, data.GetModelRow(rows - 1));
        }

        return table;
    }

    private static void AddRow(Table table, Simulation.Data.ModelDataRow row) =>
        table.AddRow([row.Step.ToString(CultureInfo.InvariantCulture), .. row.Values.Select(Format)]);

    private static Table ReporterTable(Model model)
    {
        var table = new Table().Title($"reporters at step {model.StepCount}").AddColumns("reporter", "value");
        foreach (var name in model.ReporterNames)
        {
            table.AddRow(name.EscapeMarkup(), Format(model.Report(name)));
        }

        return table;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static void WriteText(string path, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(path);
        write(writer);
    }

    private static void WriteManifest(string path, Model model, long startStep, TimeSpan elapsed, double stepsPerSecond, ulong stateHash)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("model", model.Name);
        json.WriteStartObject("parameters");
        foreach (var (name, value) in model.Parameters)
        {
            json.WritePropertyName(name);
            JsonSerializer.Serialize(json, value);
        }

        json.WriteEndObject();
        json.WriteNumber("seed", model.Seed);
        json.WriteNumber("runKey", model.RunKey);
        json.WriteNumber("fromStep", startStep);
        json.WriteNumber("toStep", model.StepCount);
        json.WriteNumber("elapsedMs", elapsed.TotalMilliseconds);
        if (double.IsFinite(stepsPerSecond))
        {
            json.WriteNumber("stepsPerSecond", stepsPerSecond);
        }

        json.WriteString("stateHash", stateHash.ToString("x16", CultureInfo.InvariantCulture));
        json.WriteStartObject("reporters");
        foreach (var name in model.ReporterNames)
        {
            var value = model.Report(name);
            if (double.IsFinite(value))
            {
                json.WriteNumber(name, value);
            }
            else
            {
                json.WriteNull(name);
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
