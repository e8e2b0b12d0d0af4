using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

/// <summary>Broken, hostile and mistaken requests: every one answered 4xx with ProblemDetails, none 5xx.</summary>
public sealed class MalformedInputApiTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private ApiHost Api => fixture.Api;

    public static TheoryData<string, string, string[]> BadSimulations() => new()
    {
        { "truncated JSON", """{ "model": "boltzmann", """, ["$"] },
        { "not an object", "[1, 2, 3]", ["$"] },
        { "a string", "\"simulation\"", ["$"] },
        { "trailing garbage", """{ "model": "boltzmann", "steps": 3 } xyz""", ["$"] },
        { "wrong types", """{ "model": 42, "steps": "many", "seed": "x" }""", ["$.model", "$.steps", "$.seed"] },
        { "unknown model", """{ "model": "unicorns", "steps": 3 }""", ["$.model"] },
        { "unknown preset", """{ "model": "boltzmann", "preset": "gigantic", "steps": 3 }""", ["$.preset"] },
        { "bad parameters", """{ "model": "schelling", "parameters": { "width": -5, "nonsense": 1 }, "steps": 3 }""", ["$.parameters.width", "$.parameters.nonsense"] },
        { "negative steps", """{ "model": "boltzmann", "preset": "small", "steps": -1 }""", ["$.steps"] },
        { "unknown property", """{ "model": "boltzmann", "preset": "small", "steps": 3, "colour": "red" }""", ["$.colour"] },
        { "wrong kind", """{ "kind": "sweep", "model": "boltzmann", "preset": "small", "steps": 3 }""", ["$.kind"] },
        { "deep nesting", new string('[', 5000) + new string(']', 5000), ["$"] },
        { "huge number", """{ "model": "boltzmann", "preset": "small", "steps": 1e400 }""", ["$.steps"] },
    };

    [Theory]
    [MemberData(nameof(BadSimulations))]
    public async Task PostSimulation_BadBody_Is400ListingEveryPath(string why, string body, string[] paths)
    {
        using var response = await Api.PostAsync("/api/simulations", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var reported = ProblemAssert.ErrorPaths(problem);
        foreach (var path in paths)
        {
            Assert.True(reported.Any(r => r == path || r.StartsWith(path, StringComparison.Ordinal)), $"{why}: {path} not in [{string.Join(", ", reported)}]");
        }
    }

    [Fact]
    public async Task PostSweep_ManyProblems_ListsThemAll()
    {
        const string body = """{ "model": "schelling", "steps": -1, "replicates": 0, "design": { "type": "grid", "factors": { "radius": [0], "colour": [1] } } }""";

        using var response = await Api.PostAsync("/api/sweeps", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(ProblemAssert.ErrorPaths(problem).Count >= 3, string.Join(", ", ProblemAssert.ErrorPaths(problem)));
    }

    [Fact]
    public async Task PostSimulation_HugeBody_Is413()
    {
        var huge = """{ "model": "boltzmann", "steps": 3, "parameters": { "x": """ + "\"" + new string('a', 200_000) + "\" } }";

        using var response = await Api.PostAsync("/api/simulations", huge);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostSimulation_HugeChunkedBody_Is413()
    {
        using var response = await Api.SendAsync(HttpMethod.Post, "/api/simulations", Api.Token(), configure: r =>
        {
            r.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("1", 100_000)) + "]")));
            r.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            r.Headers.TransferEncodingChunked = true;
        });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task PostSimulation_NotJson_Is415(string? contentType)
    {
        using var response = await Api.SendAsync(HttpMethod.Post, "/api/simulations", Api.Token(), configure: r =>
        {
            r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(SampleJobs.Simulation));
            if (contentType is not null)
            {
                r.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }
        });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task PostSimulation_NotUtf8_Is400()
    {
        using var response = await Api.SendAsync(HttpMethod.Post, "/api/simulations", Api.Token(), configure: r =>
        {
            r.Content = new ByteArrayContent([0x7B, 0xFF, 0xFE, 0x7D]);
            r.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostSimulation_EmptyBody_Is400()
    {
        using var response = await Api.PostAsync("/api/simulations", "");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task PostSimulation_BadIdempotencyKey_Is400AtTheHeader(string key)
    {
        using var response = await Api.PostAsync("/api/simulations", SampleJobs.Simulation, idempotencyKey: key);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("headers.Idempotency-Key", ProblemAssert.ErrorPaths(problem));
    }

    [Fact]
    public async Task PostSimulation_KeyAndQueryIdDisagree_Is400()
    {
        using var response = await Api.PostAsync("/api/simulations?id=one", SampleJobs.Simulation, idempotencyKey: "two");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("query.id", ProblemAssert.ErrorPaths(problem));
    }

    [Theory]
    [InlineData("GET", "/api/runs/bad%20id")]
    [InlineData("GET", "/api/sweeps/a:b")]
    [InlineData("GET", "/api/sweeps/some-sweep/results?format=pdf")]
    [InlineData("POST", "/api/runs/bad%21id/cancel")]
    [InlineData("GET", "/runtime/webhooks/durabletask/instances/x%2Fy")]
    public async Task Request_BadRouteOrQuery_Is400(string method, string path)
    {
        using var response = await Api.SendAsync(new HttpMethod(method), path, Api.Token());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("GET", "/api/nowhere", HttpStatusCode.NotFound)]
    [InlineData("GET", "/nowhere", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/dashboard/nothing.js", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/simulations", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/api/models", HttpStatusCode.MethodNotAllowed)]
    public async Task Request_UnknownRouteOrMethod_IsProblem(string method, string path, HttpStatusCode expected)
    {
        using var response = await Api.SendAsync(new HttpMethod(method), path, Api.Token());

        await ProblemAssert.IsProblemAsync(response, expected);
    }

    [Fact]
    public async Task RaiseEvent_BrokenJson_Is400()
    {
        using var response = await Api.PostAsync("/runtime/webhooks/durabletask/instances/anyone/raiseEvent/Go", "{ nope");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
