using Spectre.Console;

namespace Swarm.Functions.Commands;

/// <summary>How the command line reports a caller's mistake: every problem listed, exit code 2, no stack trace.</summary>
public static class CliErrors
{
    /// <summary>The exit code of a usage or input error.</summary>
    public const int InputError = 2;

    /// <summary>Prints <paramref name="problems"/> under <paramref name="title"/> and returns <see cref="InputError"/>.</summary>
    public static int Report(IAnsiConsole console, string title, IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(problems);
        var list = problems.ToList();
        if (list.Count == 1)
        {
            // One problem, one line.
            console.MarkupLine($"[red]error:[/] {title.EscapeMarkup()}: {list[0].EscapeMarkup()}");
            return InputError;
        }

        console.MarkupLine($"[red]error:[/] {title.EscapeMarkup()}");
        foreach (var problem in list)
        {
            console.MarkupLine($"  - {problem.EscapeMarkup()}");
        }

        return InputError;
    }
}
