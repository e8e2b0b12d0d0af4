using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Swarm.Functions.Hosting;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

public sealed class AuthApiTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private ApiHost Api => fixture.Api;

    [Theory]
    [InlineData("GET", "/api/models")]
    [InlineData("GET", "/api/runs/some-run")]
    [InlineData("POST", "/api/simulations")]
    [InlineData("POST", "/api/sweeps/some-sweep/cancel")]
    [InlineData("GET", "/runtime/webhooks/durabletask/instances/some-run")]
    [InlineData("DELETE", "/runtime/webhooks/durabletask/instances/some-run")]
    [InlineData("GET", "/api/no-such-route")]
    public async Task AnyEndpoint_NoToken_Is401WithChallenge(string method, string path)
    {
        using var response = await Api.SendAsync(new HttpMethod(method), path, json: method == "GET" ? null : SampleJobs.Simulation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    public static TheoryData<string, string> BadTokens()
    {
        using var other = LocalSigningKey.CreateEphemeral();
        return new TheoryData<string, string>
        {
            { "garbage", "not-a-jwt" },
            { "other key", other.Mint("tester", SwarmRoles.All, TimeSpan.FromHours(1)) },
            { "truncated", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0." },
            { "alg none", "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4IiwiaXNzIjoic3dhcm0tbG9jYWwiLCJhdWQiOiJzd2FybS1hcGkiLCJyb2xlcyI6WyJTd2FybS5BZG1pbiJdfQ." },
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Request_RejectedToken_Is401InvalidToken(string why, string token)
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/api/models", token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.True(response.Headers.WwwAuthenticate.Single().Parameter?.Contains("invalid_token", StringComparison.Ordinal), why);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong issuer")]
    [InlineData("wrong audience")]
    public async Task Request_TokenWithBadClaims_Is401(string defect)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = defect == "wrong issuer" ? "someone-else" : LocalSigningKey.Issuer,
            Audience = defect == "wrong audience" ? "another-api" : LocalSigningKey.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "tester", ["roles"] = SwarmRoles.All.ToArray() },
            NotBefore = now.AddHours(-3),
            IssuedAt = now.AddHours(-3),
            Expires = defect == "expired" ? now.AddHours(-2) : now.AddHours(1),
            SigningCredentials = new SigningCredentials(Api.Key.Key, SecurityAlgorithms.EcdsaSha256),
        };
        var token = new JsonWebTokenHandler().CreateToken(descriptor);

        using var response = await Api.SendAsync(HttpMethod.Get, "/api/models", token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(new string[0], "GET", "/api/models")]
    [InlineData(new[] { SwarmRoles.Read }, "POST", "/api/simulations")]
    [InlineData(new[] { SwarmRoles.Read }, "POST", "/api/sweeps/some-sweep/cancel")]
    [InlineData(new[] { SwarmRoles.Write }, "POST", "/runtime/webhooks/durabletask/instances/some-run/terminate")]
    [InlineData(new[] { SwarmRoles.Write }, "DELETE", "/runtime/webhooks/durabletask/instances/some-run")]
    [InlineData(new[] { SwarmRoles.Read, SwarmRoles.Write }, "POST", "/runtime/webhooks/durabletask/instances/some-run/suspend")]
    public async Task Request_ValidTokenWithoutTheRole_Is403(string[] roles, string method, string path)
    {
        using var response = await Api.SendAsync(new HttpMethod(method), path, Api.TokenFor("narrow", roles), method == "POST" ? SampleJobs.Simulation : null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(SwarmRoles.Read, "GET", "/api/models", HttpStatusCode.OK)]
    [InlineData(SwarmRoles.Write, "GET", "/api/models", HttpStatusCode.OK)]
    [InlineData(SwarmRoles.Admin, "GET", "/api/models", HttpStatusCode.OK)]
    [InlineData(SwarmRoles.Admin, "GET", "/runtime/webhooks/durabletask/instances/nobody", HttpStatusCode.NotFound)]
    [InlineData(SwarmRoles.Write, "POST", "/api/runs/nobody/cancel", HttpStatusCode.NotFound)]
    public async Task Request_HigherRole_IncludesTheLowerOnes(string role, string method, string path, HttpStatusCode expected)
    {
        using var response = await Api.SendAsync(new HttpMethod(method), path, Api.TokenFor("one-role", role));

        Assert.Equal(expected, response.StatusCode);
    }
}
