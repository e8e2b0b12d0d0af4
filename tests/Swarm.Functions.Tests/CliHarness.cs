using Spectre.Console;
using Swarm.Functions.Cli;

namespace Swarm.Functions.Tests;

/// <summary>Runs the <c>swarm</c> command line in-process with captured, plain-text output.</summary>
internal static class CliHarness
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var exitCode = SwarmCommand.Create(console).Parse(args).Invoke();
        return (exitCode, output.ToString());
    }
}
