using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary><c>swarm models</c>: the model catalog with each model's parameters, presets and reporters.</summary>
public static class ModelsCommand
{
    /// <summary>Builds the command over <paramref name="catalog"/>.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var command = new Command("models", "List the models with their parameters, presets and reporters.");
        command.SetAction(_ =>
        {
            foreach (var model in catalog.Models)
            {
                console.Write(new Rule($"[bold]{model.Name.EscapeMarkup()}[/]") { Justification = Justify.Left });
                console.MarkupLine(model.Description.EscapeMarkup());
                var table = new Table().AddColumns("parameter", "type", "default", "range", "description");
                foreach (var p in model.Parameters)
                {
                    table.AddRow(
                        p.Name.EscapeMarkup(),
                        p.Type.ToString().ToLowerInvariant(),
                        Format(p.Default).EscapeMarkup(),
                        Range(p).EscapeMarkup(),
                        p.Description.EscapeMarkup());
                }

                console.Write(table);
                console.MarkupLine($"presets: {string.Join(", ", model.Presets.Keys).EscapeMarkup()}");
                console.MarkupLine($"reporters: {string.Join(", ", model.Reporters.Select(r => $"{r} ({model.DomainOf(r).ToString().ToLowerInvariant()})")).EscapeMarkup()}");
                console.WriteLine();
            }

            return 0;
        });
        return command;
    }

    private static string Range(ParameterSpec p) => p.Choices is { } choices
        ? string.Join(" | ", choices)
        : p.Min is null && p.Max is null ? string.Empty : $"{Format(p.Min)} … {Format(p.Max)}";

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
