using System.CommandLine;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary><c>swarm run &lt;model&gt;</c>: runs one model in-process and writes its results.</summary>
public static class RunCommand
{
    /// <summary>Builds the command over <paramref name="catalog"/>.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var model = new Argument<string>("model") { Description = "Model name (see 'swarm models')." };
        var preset = new Option<string?>("--preset") { Description = "Start from a named parameter set, e.g. small or large." };
        var steps = new Option<int>("--steps") { Description = "Steps to run.", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed gives the same run.", DefaultValueFactory = _ => 42 };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "Parameter as name=value; repeatable. Overrides the preset.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--out", "-o") { Description = "Results folder (default results/<model>-seed<seed>)." }.Folder();
        steps.AtLeast(0);
        seed.AtLeast(0UL);

        var command = new Command("run", "Run one model in-process and write data.csv, data.json, a checkpoint and run.json.")
        {
            model, preset, steps, seed, parameters, output,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetRequiredValue(model);
            var values = ParameterAssignments.Parse(parse.GetValue(parameters) ?? [], out var syntaxErrors);
            if (syntaxErrors.Count > 0)
            {
                return CliErrors.Report(console, "bad --param", syntaxErrors);
            }

            var seedValue = parse.GetValue(seed);
            Simulation.Model instance;
            try
            {
                var presetName = parse.GetValue(preset);
                instance = presetName is null
                    ? catalog.Create(name, values, seedValue)
                    : catalog.CreatePreset(name, presetName, seedValue, overrides: values);
            }
            catch (ModelParameterException e)
            {
                return CliErrors.Report(console, $"invalid parameters for '{e.Model}'", e.Errors.Select(x => x.ToString()));
            }
            catch (KeyNotFoundException e)
            {
                return CliErrors.Report(console, "unknown model", [e.Message]);
            }

            var folder = parse.GetValue(output) ?? Path.Combine("results", $"{instance.Name}-seed{seedValue}");
            return new LocalRun(console).Execute(instance, parse.GetValue(steps), folder);
        });
        return command;
    }
}
