using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Swarm.Functions.Hosting;
using Swarm.Functions.Intake;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>GET /api/rejections[?messageId=…][&amp;top=…]</c>: the job messages the intake refused, newest first, each with
/// its reason and the body as received — what an operator needs to fix a job and send it again.
/// </summary>
/// <remarks>Admin only: bodies are whatever producers sent. <c>top</c> is 1-1000 (default 100).</remarks>
[Function("ListRejections")]
[HttpTrigger("rejections", "get")]
[Authorize(Policy = SwarmRoles.Admin)]
public sealed class ListRejectionsFunction(JobRejections rejections) : IHttpFunction
{
    private const int DefaultTop = 100;
    private const int MaxTop = 1000;

    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var top = DefaultTop;
        if (context.Request.Query.TryGetValue("top", out var topText)
            && !(int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) && top is >= 1 and <= MaxTop))
        {
            return ApiProblem.Validation("query.top", $"One whole number from 1 to {MaxTop}.");
        }

        var source = context.Request.Query.TryGetValue("messageId", out var messageId)
            ? rejections.ForMessageAsync(messageId.ToString(), context.RequestAborted)
            : rejections.AllAsync(context.RequestAborted);
        var found = new List<JobRejection>();
        await foreach (var rejection in source.ConfigureAwait(false))
        {
            found.Add(rejection);
        }

        var items = new JsonArray();
        foreach (var r in found.OrderByDescending(r => r.RejectedAt).Take(top))
        {
            items.Add(new JsonObject
            {
                ["messageId"] = r.MessageId,
                ["reason"] = r.Reason,
                ["rejectedAt"] = r.RejectedAt,
                ["deliveryCount"] = r.DeliveryCount,
                ["poisoned"] = r.Poisoned,
                ["contentType"] = r.ContentType,
                ["bodyLength"] = r.BodyLength,
                ["bodyTruncated"] = r.BodyTruncated,
                ["body"] = r.Body,
            });
        }

        return TypedResults.Ok(new JsonObject { ["total"] = found.Count, ["rejections"] = items });
    }
}
