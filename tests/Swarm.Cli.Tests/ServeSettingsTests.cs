using Swarm.Testing;

namespace Swarm.Cli.Tests;

/// <summary>
/// <c>swarm serve</c> and <c>swarm host</c> run in-process with malformed settings in the environment: a clear error
/// naming each setting, exit code 2, no stack trace, nothing started.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ServeSettingsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-serve-settings-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("SwarmBackupSchedule", "not a cron")]
    [InlineData("SwarmPurgeSchedule", "0 30 4 * *")]
    [InlineData("SwarmPurgeAfterDays", "x")]
    [InlineData("SwarmBackupRetentionDays", "-1")]
    [InlineData("SwarmJobsMaxDeliveryCount", "0")]
    [InlineData("Swarm__RateLimitPermitsPerMinute", "x")]
    [InlineData("Swarm__MaxRequestBodyBytes", "12")]
    public void Serve_MalformedSetting_ExitsWithInputErrorNamingIt(string setting, string value)
    {
        using var environment = new EnvironmentScope((setting, value));

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "serve", "--port", "0", "--data", Path.Combine(_folder.FullName, "data"));

        Assert.Equal(2, exitCode);
        Assert.Contains("bad configuration", output, StringComparison.Ordinal);
        Assert.Contains($"Setting {setting}", output, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "data")), "nothing should start");
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("host")]
    public void ServeAndHost_MalformedApplicationInsightsConnectionString_ExitsWithInputErrorNamingIt(string command)
    {
        using var environment = new EnvironmentScope(("APPLICATIONINSIGHTS_CONNECTION_STRING", "not a connection string"));

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, command, "--port", "0", "--data", Path.Combine(_folder.FullName, "data"));

        Assert.Equal(2, exitCode);
        Assert.Contains("bad configuration", output, StringComparison.Ordinal);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "data")), "nothing should start");
    }

    [Fact]
    public void Serve_SeveralMalformedSettings_ListsEveryOne()
    {
        using var environment = new EnvironmentScope(("SwarmBackupSchedule", "never"), ("SwarmPurgeAfterDays", "x"), ("Swarm__RateLimitPermitsPerMinute", "0"));

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "serve", "--port", "0", "--data", Path.Combine(_folder.FullName, "data"));

        Assert.Equal(2, exitCode);
        Assert.Contains("SwarmBackupSchedule", output, StringComparison.Ordinal);
        Assert.Contains("SwarmPurgeAfterDays", output, StringComparison.Ordinal);
        Assert.Contains("Swarm__RateLimitPermitsPerMinute", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Swarm__RateLimitPermitsPerMinute", "lots")]
    [InlineData("Swarm__MaxRequestBodyBytes", "1GB")]
    [InlineData("SwarmBackupSchedule", "not a cron")]
    [InlineData("SwarmPurgeAfterDays", "x")]
    public void Host_MalformedLimitOrTimerSetting_ExitsWithInputErrorNamingIt(string setting, string value)
    {
        using var environment = new EnvironmentScope((setting, value));

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "host", "--port", "0", "--data", Path.Combine(_folder.FullName, "data"));

        Assert.Equal(2, exitCode);
        Assert.Contains("bad configuration", output, StringComparison.Ordinal);
        Assert.Contains($"Setting {setting}", output, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "data")), "nothing should start");
    }

    [Theory]
    [InlineData("--rate-limit", "0")]
    [InlineData("--max-body-bytes", "100")]
    public void Serve_LimitOptionOutOfRange_ExitsWithInputError(string option, string value)
    {
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "serve", "--port", "0", option, value, "--data", Path.Combine(_folder.FullName, "data"));

        Assert.Equal(2, exitCode);
        Assert.Contains($"{option} must be from", output, StringComparison.Ordinal);
    }
}
