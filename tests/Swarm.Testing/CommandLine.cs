using System.CommandLine;
using Spectre.Console;

namespace Swarm.Testing;

/// <summary>Runs a command line in-process with captured, plain-text output: <c>swarm</c>'s, or the function app executable's.</summary>
public static class CommandLine
{
    /// <summary>Runs the root command that <paramref name="create"/> builds on a captured console with <paramref name="args"/>.</summary>
    public static (int ExitCode, string Output) Run(Func<IAnsiConsole?, RootCommand> create, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(create);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        // The parser writes its own errors (an unknown option, a value it cannot convert) to the invocation's error writer.
        var exitCode = create(console).Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }
}
