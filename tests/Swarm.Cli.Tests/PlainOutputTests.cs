using System.Diagnostics;

namespace Swarm.Cli.Tests;

/// <summary><c>swarm</c> as a process whose output goes to a pipe: plain text, no colour or cursor escapes, no 80-column wrapping.</summary>
public sealed class PlainOutputTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Models_ToAPipe_IsPlainUnwrappedText(bool noColor)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(SwarmCommand).Assembly.Location);
        start.ArgumentList.Add("models");
        start.Environment["TERM"] = "xterm-256color";
        if (noColor)
        {
            start.Environment["NO_COLOR"] = "1";
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain('\u001b', output);
        // The longest description stays on one line: nothing was wrapped at a guessed terminal width.
        Assert.Contains("Schelling's segregation model on a grid with one agent per cell (ABM framework comparison).", output, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), line => line.Length > 80);
    }
}
