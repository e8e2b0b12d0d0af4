using System.CommandLine;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Cli;

/// <summary><c>swarm resume &lt;checkpoint&gt;</c>: continues a run from its checkpoint, bit-identically to never having stopped.</summary>
public static class ResumeCommand
{
    /// <summary>Builds the command over <paramref name="catalog"/>.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var checkpoint = new Argument<FileInfo>("checkpoint") { Description = "A checkpoint.swarm written by 'swarm run' or 'swarm resume'." }.File();
        var steps = new Option<int>("--steps") { Description = "Further steps to run.", DefaultValueFactory = _ => 100 };
        var output = new Option<string?>("--out", "-o") { Description = "Results folder (default: the checkpoint's folder)." }.Folder();
        steps.AtLeast(0);

        var command = new Command("resume", "Continue a run from its checkpoint.") { checkpoint, steps, output };
        command.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(checkpoint);
            Simulation.Model model;
            try
            {
                using var stream = file.OpenRead();
                model = catalog.Restore(stream);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CheckpointFormatException)
            {
                return CliErrors.Report(console, $"cannot resume from '{file.Name}'", [e.Message]);
            }

            var folder = parse.GetValue(output) ?? file.DirectoryName ?? ".";
            return new LocalRun(console).Execute(model, model.StepCount + parse.GetValue(steps), folder);
        });
        return command;
    }
}
