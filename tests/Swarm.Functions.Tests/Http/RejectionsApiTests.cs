using System.Net;
using Swarm.Functions.Hosting;
using Swarm.Functions.Intake;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

public sealed class RejectionsApiTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartEmbeddedAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task GetRejections_AsAdmin_ListsRefusedMessagesNewestFirstWithReasonAndBody()
    {
        var rejections = new JobRejections(_api.Swarm.Store);
        var earlier = new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero);
        await rejections.RecordAsync(new JobRejection("job-old", "$.model: unknown model 'nope'.", """{"model":"nope"}""", 16, false, "application/json", 1, false, earlier));
        await rejections.RecordAsync(new JobRejection("job-new", "not JSON", "{", 1, false, null, 5, true, earlier.AddHours(1)));

        using var all = await _api.SendAsync(HttpMethod.Get, "/api/rejections", _api.Token(SwarmRoles.Admin));
        using var one = await _api.SendAsync(HttpMethod.Get, "/api/rejections?messageId=job-old", _api.Token(SwarmRoles.Admin));
        using var first = await _api.SendAsync(HttpMethod.Get, "/api/rejections?top=1", _api.Token(SwarmRoles.Admin));

        var listed = (await ProblemAssert.JsonAsync(all, HttpStatusCode.OK)).GetProperty("rejections");
        Assert.Equal(["job-new", "job-old"], listed.EnumerateArray().Select(r => r.GetProperty("messageId").GetString()));
        Assert.True(listed[0].GetProperty("poisoned").GetBoolean());
        var old = Assert.Single((await ProblemAssert.JsonAsync(one, HttpStatusCode.OK)).GetProperty("rejections").EnumerateArray());
        Assert.Equal("$.model: unknown model 'nope'.", old.GetProperty("reason").GetString());
        Assert.Equal("""{"model":"nope"}""", old.GetProperty("body").GetString());
        var page = await ProblemAssert.JsonAsync(first, HttpStatusCode.OK);
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Single(page.GetProperty("rejections").EnumerateArray());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("many")]
    public async Task GetRejections_BadTop_Is400NamingIt(string top)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, $"/api/rejections?top={top}", _api.Token(SwarmRoles.Admin));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetRejections_WithoutTheAdminRole_Is403()
    {
        using var response = await _api.SendAsync(HttpMethod.Get, "/api/rejections", _api.Token(SwarmRoles.Read, SwarmRoles.Write));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
