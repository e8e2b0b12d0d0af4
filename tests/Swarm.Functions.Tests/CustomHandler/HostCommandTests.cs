using Swarm.Cli;
using Swarm.Functions.Commands;
using Swarm.Testing;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>
/// The function app's <c>host</c> (the Functions host starts it; its Durable extension owns the task hub) and
/// <c>swarm host</c> (the same handler over a local task hub).
/// </summary>
public sealed class HostCommandTests
{
    [Theory]
    [InlineData(true, "-1")]
    [InlineData(true, "65536")]
    [InlineData(false, "-1")]
    [InlineData(false, "65536")]
    public void Host_PortOutOfRange_ExitsWithInputError(bool functionApp, string port)
    {
        string[] args = ["host", "--port", port];
        var (exitCode, output) = functionApp ? CommandLine.Run(FunctionAppCommand.InvokeAsync, args) : CommandLine.Run(SwarmCommand.InvokeAsync, args);

        Assert.Equal(2, exitCode);
        Assert.Contains("--port must be from 0 to 65535", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SwarmHost_NoEntraIdSettings_ExitsWithInputErrorNamingThem()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Auth__Authority")))
        {
            Assert.Fail("Auth__Authority is set in this environment; the test needs it unset.");
        }

        var folder = Directory.CreateTempSubdirectory("swarm-host-");
        try
        {
            var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "host", "--port", "0", "--data", folder.FullName);

            Assert.Equal(2, exitCode);
            Assert.Contains("Auth__Authority", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void FunctionAppHost_WithoutStateSettings_ExitsWithInputErrorNamingThem()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SwarmState__tableServiceUri"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SwarmState__accountName"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SwarmState")))
        {
            Assert.Fail("SwarmState settings are set in this environment; the test needs them unset.");
        }

        var (exitCode, output) = CommandLine.Run(FunctionAppCommand.InvokeAsync, "host", "--port", "0");

        Assert.Equal(2, exitCode);
        Assert.Contains("no state store settings", output, StringComparison.Ordinal);
        Assert.Contains("SwarmState", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--data")]
    [InlineData("--store")]
    [InlineData("--durable")]
    public void FunctionAppHost_TakesNoBackendOptions(string option)
    {
        var parse = FunctionAppCommand.Create().Parse(["host", "--port", "0", option, "embedded"]);

        Assert.Contains(parse.Errors, e => e.Message.Contains(option, StringComparison.Ordinal));
    }

    [Fact]
    public void SwarmHost_TakesTheBackendOptionsOfServe()
    {
        var host = SwarmCommand.Create().Subcommands.Single(c => c.Name == "host");
        var serve = SwarmCommand.Create().Subcommands.Single(c => c.Name == "serve");

        Assert.All(new[] { "--data", "--store", "--connection", "--task-hub" }, name =>
        {
            Assert.Contains(host.Options, o => o.Name == name);
            Assert.Contains(serve.Options, o => o.Name == name);
        });
    }

    [Fact]
    public void Host_Descriptions_SayWhoOwnsTheTaskHub()
    {
        var functionApp = FunctionAppCommand.Create().Subcommands.Single(c => c.Name == "host");
        var swarm = SwarmCommand.Create().Subcommands.Single(c => c.Name == "host");

        Assert.Contains("Durable extension", functionApp.Description, StringComparison.Ordinal);
        Assert.Contains("local task hub", swarm.Description, StringComparison.Ordinal);
    }
}
