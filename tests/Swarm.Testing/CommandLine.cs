using System.CommandLine;
using Spectre.Console;

namespace Swarm.Testing;

/// <summary>Runs a command line in-process with captured, plain-text output: <c>swarm</c>'s, or the function app executable's.</summary>
public static class CommandLine
{
    /// <summary>Runs a command line's entry point (<paramref name="invoke"/>: arguments, console, invocation settings) on a captured console with <paramref name="args"/>.</summary>
    public static (int ExitCode, string Output) Run(Func<string[], IAnsiConsole, InvocationConfiguration, Task<int>> invoke, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });

        // As swarm's own console when its output is redirected: wide, so no message is wrapped mid-sentence.
        console.Profile.Width = 512;
        // The parser writes its own errors (an unknown option, a value it cannot convert) to the invocation's error writer.
        var exitCode = invoke(args, console, new InvocationConfiguration { Output = output, Error = output }).GetAwaiter().GetResult();
        return (exitCode, output.ToString());
    }
}
