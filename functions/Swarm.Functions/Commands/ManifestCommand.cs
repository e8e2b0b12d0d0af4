using System.CommandLine;
using Spectre.Console;
using Swarm.Functions.Publishing;

namespace Swarm.Functions.Commands;

/// <summary><c>manifest --out &lt;dir&gt;</c>: writes every function's <c>&lt;dir&gt;/&lt;Name&gt;/function.json</c> (the publish step runs it).</summary>
public static class ManifestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var output = new Option<string>("--out") { Description = "The folder to write the function folders into (the publish folder).", Required = true }.Folder();
        var command = new Command("manifest", "Write the function.json of every function (HTTP, Service Bus, timer, orchestrators, activities).") { output };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(output);
            if (string.IsNullOrWhiteSpace(directory))
            {
                return CliErrors.Report(console, "No output folder.", ["--out: give the folder to write the function folders into."]);
            }

            IReadOnlyList<FunctionDefinition> functions;
            try
            {
                functions = FunctionManifest.Deployed();
            }
            catch (InvalidOperationException e)
            {
                return CliErrors.Report(console, "The functions cannot be published.", [e.Message]);
            }

            try
            {
                var written = FunctionManifest.Write(functions, directory);
                console.MarkupLine($"wrote {written.Count} function.json files under {directory.EscapeMarkup()}");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return CliErrors.Report(console, $"Cannot write to '{directory}'.", [e.Message]);
            }
        });
        return command;
    }
}
