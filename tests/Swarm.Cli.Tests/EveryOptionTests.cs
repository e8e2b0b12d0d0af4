using System.CommandLine;
using System.CommandLine.Help;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Testing;

namespace Swarm.Cli.Tests;

/// <summary>
/// Every option of every <c>swarm</c> command, found by walking the command tree, given a value it cannot take:
/// not a number, a number out of range, a path of the wrong kind. Each is one line naming the option, exit code 2.
/// </summary>
public sealed class EveryOptionTests : IDisposable
{
    private const string AFile = "<a file>";
    private const string AFolder = "<a folder>";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-every-option-");

    public void Dispose() => _folder.Delete(recursive: true);

    public static TheoryData<string, string, string> BadValues()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var (path, command) in Commands(Swarm(), []))
        {
            foreach (var option in command.Options.Where(o => o is not (HelpOption or VersionOption)))
            {
                var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
                if (type == typeof(int) || type == typeof(long) || type == typeof(ulong) || type == typeof(double))
                {
                    cases.Add(path, option.Name, "abc");
                    cases.Add(path, option.Name, "99999999999999999999999");
                }

                if (option.HelpName == PathRules.FolderName)
                {
                    cases.Add(path, option.Name, AFile);
                }
                else if (option.HelpName == PathRules.FileName)
                {
                    cases.Add(path, option.Name, AFolder);
                }
            }

            foreach (var argument in command.Arguments.Where(a => a.HelpName == PathRules.FileName))
            {
                cases.Add(path, argument.Name, AFolder);
            }
        }

        return cases;
    }

    [Fact]
    public void TheWalk_FindsTheOptionsUsersMeet()
    {
        var cases = BadValues().Select(c => $"{c[0]} {c[1]}").ToHashSet();

        Assert.Contains("run --steps", cases);
        Assert.Contains("run --seed", cases);
        Assert.Contains("resume --steps", cases);
        Assert.Contains("backup --retention-days", cases);
        Assert.Contains("sweep --batch-size", cases);
        Assert.Contains("sweep --data", cases);
        Assert.Contains("sweep file", cases);
        Assert.Contains("resume checkpoint", cases);
        Assert.Contains("results --out", cases);
        Assert.Contains("serve --port", cases);
        Assert.Contains("token --hours", cases);
        Assert.Contains("audit verify --data", cases);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadValue_IsOneLineNamingItWithExitCodeTwo(string command, string option, string value)
    {
        var file = Path.Combine(_folder.FullName, "sweep.json");
        File.WriteAllText(file, "{}");
        var given = value switch
        {
            AFile => file,
            AFolder => _folder.FullName,
            _ => value,
        };

        var target = Commands(Swarm(), []).Single(c => c.Path == command).Command;
        var args = new List<string>(command.Split(' '));
        foreach (var argument in target.Arguments)
        {
            args.Add(argument.Name == option ? given : argument.HelpName == PathRules.FileName ? file : "x");
        }

        if (target.Options.Any(o => o.Name == option))
        {
            args.AddRange([option, given]);
        }

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, [.. args]);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exitCode == 2, $"swarm {string.Join(' ', args)} exited {exitCode}: {output}");
        Assert.True(lines.Length == 1, $"swarm {string.Join(' ', args)} printed {lines.Length} lines: {output}");
        Assert.StartsWith("error:", lines[0], StringComparison.Ordinal);
        Assert.Contains(option, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_NamesTheCommandSwarm()
    {
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("swarm sweep <file> [options]", output, StringComparison.Ordinal);
        Assert.Contains("--data <folder>", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Swarm.Cli", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_IsAUsageErrorWithExitCodeTwo()
    {
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "models", "--colour");

        Assert.Equal(2, exitCode);
        Assert.Contains("--colour", output, StringComparison.Ordinal);
        Assert.Contains("swarm models --help", output, StringComparison.Ordinal);
    }

    private static Command Swarm() =>
        SwarmCommand.Create(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }));

    private static IEnumerable<(string Path, Command Command)> Commands(Command command, IReadOnlyList<string> parents)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] names = [.. parents, sub.Name];
            yield return (string.Join(' ', names), sub);
            foreach (var nested in Commands(sub, names))
            {
                yield return nested;
            }
        }
    }
}
