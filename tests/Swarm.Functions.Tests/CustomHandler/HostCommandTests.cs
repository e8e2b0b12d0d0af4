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
}
