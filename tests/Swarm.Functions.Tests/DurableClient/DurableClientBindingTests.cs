using System.Text.Json;
using Swarm.Functions.DurableClient;

namespace Swarm.Functions.Tests.DurableClient;

public sealed class DurableClientBindingTests
{
    private const string Passthrough = """
        {"taskHubName":"SwarmHub","connectionName":null,"rpcBaseUrl":"http://127.0.0.1:4001/","httpBaseUrl":"http://localhost:7071/runtime/webhooks/durabletask",
         "requiredQueryStringParameters":"taskHub=SwarmHub&connection=Storage&code=secret-key","maxGrpcMessageSizeInBytes":4194304}
        """;

    private const string Legacy = """
        {"taskHubName":"SwarmHub","creationUrls":{"createNewInstancePostUri":"x"},"managementUrls":{"id":"INSTANCEID"},
         "baseUrl":"https://swarm.example.net/runtime/webhooks/durabletask/","requiredQueryStringParameters":"taskHub=SwarmHub&code=k"}
        """;

    [Theory]
    [InlineData(Passthrough, "http://localhost:7071/runtime/webhooks/durabletask", "taskHub=SwarmHub&connection=Storage&code=secret-key")]
    [InlineData(Legacy, "https://swarm.example.net/runtime/webhooks/durabletask", "taskHub=SwarmHub&code=k")]
    [InlineData("""{"httpBaseUrl":"http://h/runtime/webhooks/durabletask","baseUrl":"http://other/x"}""", "http://h/runtime/webhooks/durabletask", "")]
    [InlineData("""{"HttpBaseUrl":"http://h/b","RequiredQueryStringParameters":"?code=1"}""", "http://h/b", "code=1")]
    public void Parse_ValidValue_ReadsBaseUrlAndQuery(string value, string baseUrl, string query)
    {
        var binding = DurableClientBinding.Parse(value);

        Assert.Equal(new Uri(baseUrl), binding.HttpBaseUrl);
        Assert.Equal(query, binding.RequiredQueryStringParameters);
    }

    [Fact]
    public void Parse_ValueQuotedOnceMore_ReadsTheInnerObject()
    {
        var quoted = JsonSerializer.Serialize(Passthrough);

        var binding = DurableClientBinding.Parse(quoted);

        Assert.Equal("SwarmHub", binding.TaskHubName);
        Assert.Equal(new Uri("http://localhost:7071/runtime/webhooks/durabletask"), binding.HttpBaseUrl);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("\"just text\"", "not JSON")]
    [InlineData("{\"taskHubName\":\"SwarmHub\"}", "httpBaseUrl")]
    [InlineData("{\"httpBaseUrl\":42}", "httpBaseUrl")]
    [InlineData("{\"httpBaseUrl\":\"/runtime/webhooks/durabletask\"}", "absolute")]
    [InlineData("{\"httpBaseUrl\":\"ftp://h/runtime/webhooks/durabletask\"}", "absolute")]
    [InlineData("{\"httpBaseUrl\":\"http://h/runtime/webhooks/durabletask?code=k\"}", "query")]
    public void Parse_MalformedValue_ThrowsFormatExceptionSayingWhy(string value, string expected)
    {
        var error = Assert.Throws<FormatException>(() => DurableClientBinding.Parse(value));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("instances/a%20b", null, "http://localhost:7071/runtime/webhooks/durabletask/instances/a%20b?taskHub=SwarmHub&connection=Storage&code=secret-key")]
    [InlineData("instances", "top=5", "http://localhost:7071/runtime/webhooks/durabletask/instances?top=5&taskHub=SwarmHub&connection=Storage&code=secret-key")]
    public void Endpoint_PathAndQuery_AddsTheRequiredParameters(string path, string? query, string expected)
    {
        var binding = DurableClientBinding.Parse(Passthrough);

        Assert.Equal(expected, binding.Endpoint(path, query).AbsoluteUri);
    }

    [Fact]
    public void ToString_Binding_NeverShowsTheSystemKey()
    {
        var binding = DurableClientBinding.Parse(Passthrough);

        Assert.DoesNotContain("secret-key", binding.ToString(), StringComparison.Ordinal);
    }
}
