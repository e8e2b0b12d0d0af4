using System.Text.Json;
using Swarm.Testing;

namespace Swarm.Functions.Tests;

/// <summary>host.json is read by the Azure Functions host; these are the parts it refuses to start without.</summary>
public sealed class HostJsonTests
{
    private static JsonElement HostJson()
    {
        using var document = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        return document.RootElement.Clone();
    }

    [Fact]
    public void HostJson_Version_IsTwoPointZero()
    {
        Assert.Equal("2.0", HostJson().GetProperty("version").GetString());
    }

    [Fact]
    public void HostJson_CustomHandler_PointsAtTheFunctionAppExecutable()
    {
        var description = HostJson().GetProperty("customHandler").GetProperty("description");

        Assert.Equal("Swarm.Functions", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(JsonValueKind.False, HostJson().GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").ValueKind);
    }

    [Fact]
    public void HostJson_ExtensionBundle_IsTheV4Range()
    {
        var bundle = HostJson().GetProperty("extensionBundle");

        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", bundle.GetProperty("id").GetString());
        Assert.Equal("[4.*, 5.0.0)", bundle.GetProperty("version").GetString());
    }

    [Fact]
    public void HostJson_DurableTask_TakesTheHubNameFromAnAppSetting()
    {
        var durable = HostJson().GetProperty("extensions").GetProperty("durableTask");

        Assert.Matches("^%[A-Za-z][A-Za-z0-9_]*%$", durable.GetProperty("hubName").GetString());
        Assert.True(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32() > 0);
        Assert.True(durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32() > 0);
    }

    [Fact]
    public void HostJson_ApplicationInsights_SamplesButKeepsRequestsAndExceptions()
    {
        var sampling = HostJson().GetProperty("logging").GetProperty("applicationInsights").GetProperty("samplingSettings");

        Assert.True(sampling.GetProperty("isEnabled").GetBoolean());
        Assert.Contains("Exception", sampling.GetProperty("excludedTypes").GetString(), StringComparison.Ordinal);
    }
}
