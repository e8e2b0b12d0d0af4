using Swarm.Functions.Cli;

namespace Swarm.Functions.Tests.CustomHandler;

public sealed class HostCommandTests
{
    [Theory]
    [InlineData("-1")]
    [InlineData("65536")]
    public void Host_PortOutOfRange_ExitsWithInputError(string port)
    {
        var (exitCode, output) = CliHarness.Run("host", "--port", port);

        Assert.Equal(2, exitCode);
        Assert.Contains("bad port", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_NoEntraIdSettings_ExitsWithInputErrorNamingThem()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Auth__Authority")))
        {
            Assert.Fail("Auth__Authority is set in this environment; the test needs it unset.");
        }

        var folder = Directory.CreateTempSubdirectory("swarm-host-");
        try
        {
            var (exitCode, output) = CliHarness.Run("host", "--port", "0", "--data", folder.FullName);

            Assert.Equal(2, exitCode);
            Assert.Contains("Auth__Authority", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Host_ExtensionModeByDefaultWithoutStateSettings_ExitsWithInputErrorNamingThem()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SwarmState__tableServiceUri"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SwarmState__accountName"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SwarmState")))
        {
            Assert.Fail("SwarmState settings are set in this environment; the test needs them unset.");
        }

        var (exitCode, output) = CliHarness.Run("host", "--port", "0");

        Assert.Equal(2, exitCode);
        Assert.Contains("no state store settings", output, StringComparison.Ordinal);
        Assert.Contains("SwarmState", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_ExtensionModeWithBackendOptions_ExitsWithInputError()
    {
        var (exitCode, output) = CliHarness.Run("host", "--port", "0", "--durable", "extension", "--store", "embedded");

        Assert.Equal(2, exitCode);
        Assert.Contains("takes no backend options", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_UnknownDurableMode_IsAParseErrorNamingTheValue()
    {
        var parse = SwarmCommand.Create().Parse(["host", "--port", "0", "--durable", "sqlite"]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("sqlite", StringComparison.Ordinal));
    }

    [Fact]
    public void Host_DurableOption_DescribesBothModes()
    {
        var host = SwarmCommand.Create().Subcommands.Single(c => c.Name == "host");
        var durable = host.Options.Single(o => o.Name == "--durable");

        Assert.Contains("extension", durable.Description, StringComparison.Ordinal);
        Assert.Contains("durableClient", durable.Description, StringComparison.Ordinal);
        Assert.Contains("embedded", durable.Description, StringComparison.Ordinal);
    }
}
