using Microsoft.Extensions.Configuration;
using Swarm.Functions.Hosting;

namespace Swarm.Functions.Tests.Http;

public sealed class RequestLimitsTests
{
    private static IConfiguration Settings(string? permits, string? body) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [RequestLimits.RateLimitSetting] = permits,
            [RequestLimits.MaxRequestBodySetting] = body,
        }).Build();

    [Theory]
    [InlineData(null, null, 600, 1048576)]
    [InlineData("", " ", 600, 1048576)]
    [InlineData("1", "1024", 1, 1024)]
    [InlineData(" 50 ", "2048", 50, 2048)]
    [InlineData("1000000", "104857600", 1000000, 104857600)]
    public void Read_AbsentOrValidSettings_GivesTheLimits(string? permits, string? body, int expectedPermits, long expectedBody)
    {
        var problems = new List<string>();

        var limits = RequestLimits.Read(Settings(permits, body), problems);

        Assert.Empty(problems);
        Assert.Equal(new RequestLimits(expectedPermits, expectedBody), limits);
    }

    [Theory]
    [InlineData("x", null, "Swarm__RateLimitPermitsPerMinute")]
    [InlineData("0", null, "Swarm__RateLimitPermitsPerMinute")]
    [InlineData("-5", null, "Swarm__RateLimitPermitsPerMinute")]
    [InlineData("1000001", null, "Swarm__RateLimitPermitsPerMinute")]
    [InlineData("2.5", null, "Swarm__RateLimitPermitsPerMinute")]
    [InlineData(null, "1MB", "Swarm__MaxRequestBodyBytes")]
    [InlineData(null, "1023", "Swarm__MaxRequestBodyBytes")]
    [InlineData(null, "104857601", "Swarm__MaxRequestBodyBytes")]
    [InlineData(null, "99999999999999999999999", "Swarm__MaxRequestBodyBytes")]
    public void Read_MalformedSetting_IsAProblemNamingItAndTheDefaultIsKept(string? permits, string? body, string setting)
    {
        var problems = new List<string>();

        var limits = RequestLimits.Read(Settings(permits, body), problems);

        var problem = Assert.Single(problems);
        Assert.StartsWith($"Setting {setting} is '", problem, StringComparison.Ordinal);
        Assert.Contains("expected a whole number from", problem, StringComparison.Ordinal);
        Assert.Equal(RequestLimits.Default, limits);
    }

    [Fact]
    public void Read_BothMalformed_ReportsBoth()
    {
        var problems = new List<string>();

        RequestLimits.Read(Settings("many", "lots"), problems);

        Assert.Equal(2, problems.Count);
    }
}
