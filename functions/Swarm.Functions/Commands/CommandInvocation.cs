using System.CommandLine;
using System.CommandLine.Invocation;
using Spectre.Console;

namespace Swarm.Functions.Commands;

/// <summary>
/// Runs a command line with the exit codes people and scripts rely on: 0 done, 1 the job failed, 2 the
/// caller's mistake (a parse error among them, one line each, no help page), 130 interrupted.
/// </summary>
public static class CommandInvocation
{
    /// <summary>The exit code of a run stopped by Ctrl+C or SIGTERM.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit code of a job that ran and failed.</summary>
    public const int Failed = 1;

    /// <summary>Width given to output that goes to a file or a pipe, so tables and messages are never wrapped at 80 columns.</summary>
    public const int RedirectedWidth = 512;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the command they name.</summary>
    public static async Task<int> InvokeAsync(Command root, string[] args, InvocationConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        configuration ??= new InvocationConfiguration();
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            var help = string.Join(' ', CommandPath(parse.CommandResult));
            foreach (var error in parse.Errors)
            {
                await configuration.Error.WriteLineAsync($"error: {error.Message} (see '{help} --help')").ConfigureAwait(false);
            }

            return CliErrors.InputError;
        }

        try
        {
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The parser cancels the action's token on Ctrl+C or SIGTERM; an action that stops by throwing lands here.
            await configuration.Error.WriteLineAsync("interrupted.").ConfigureAwait(false);
            return Interrupted;
        }
    }

    /// <summary>
    /// The console commands write to: the terminal, in plain text without colour or cursor movement when
    /// output is redirected or <c>NO_COLOR</c> is set (https://no-color.org), and never wrapped when redirected.
    /// </summary>
    public static IAnsiConsole TerminalConsole()
    {
        var redirected = Console.IsOutputRedirected;
        var plain = redirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult command)
    {
        var names = new Stack<string>();
        for (var result = command; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(result.Command.Name);
        }

        return names;
    }
}
