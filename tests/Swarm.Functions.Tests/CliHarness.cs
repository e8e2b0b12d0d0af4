using System.CommandLine;
using Spectre.Console;
using Swarm.Cli;
using Swarm.Functions.Commands;

namespace Swarm.Functions.Tests;

/// <summary>Runs a command line in-process with captured, plain-text output: <c>swarm</c>'s, or the function app executable's.</summary>
internal static class CliHarness
{
    /// <summary>Runs <c>swarm</c> with <paramref name="args"/>.</summary>
    public static (int ExitCode, string Output) Run(params string[] args) =>
        Run((console, configuration) => SwarmCommand.InvokeAsync(args, console, configuration).GetAwaiter().GetResult());

    /// <summary>Runs the function app's executable (what the Functions host starts) with <paramref name="args"/>.</summary>
    public static (int ExitCode, string Output) RunFunctionApp(params string[] args) =>
        Run((console, configuration) => FunctionAppCommand.Create(console).Parse(args).Invoke(configuration));

    private static (int ExitCode, string Output) Run(Func<IAnsiConsole, InvocationConfiguration, int> invoke)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        // The parser writes its own errors (an unknown option, a value it cannot convert) to the invocation's error writer.
        var exitCode = invoke(console, new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }
}
