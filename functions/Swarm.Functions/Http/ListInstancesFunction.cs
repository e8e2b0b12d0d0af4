using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>GET /runtime/webhooks/durabletask/instances</c>: one page of instances, oldest first, as a JSON array of statuses
/// in the Durable HTTP API's shape. Filters: <c>runtimeStatus</c>, <c>createdTimeFrom</c>, <c>createdTimeTo</c>,
/// <c>instanceIdPrefix</c>; <c>top</c> is the page size (1-1000, default 100); <c>showInput=false</c> leaves inputs out.
/// </summary>
/// <remarks>
/// Paging as in the extension: the next page's token comes back in the <c>x-ms-continuation-token</c> header and is
/// sent back in the same request header; on the last page the header is absent. 400 for a malformed filter or token.
/// </remarks>
[Function("DurableListInstances")]
[HttpTrigger(ManagementUrls.InstancesPath, "get")]
[Authorize(Policy = SwarmRoles.Read)]
public sealed class ListInstancesFunction(DurableTaskClient client) : IHttpFunction
{
    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var errors = new List<SpecError>();
        var statuses = InstanceFilterQuery.Statuses(request, errors);
        var from = InstanceFilterQuery.Time(request, "createdTimeFrom", errors);
        var to = InstanceFilterQuery.Time(request, "createdTimeTo", errors);
        var top = 100;
        if (request.Query["top"] is { Count: > 0 } topValues
            && (topValues.Count > 1 || !int.TryParse(topValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > 1000))
        {
            errors.Add(new SpecError("query.top", "One whole number from 1 to 1000."));
        }

        var prefix = request.Query["instanceIdPrefix"];
        if (prefix.Count > 1 || prefix.Any(p => p is { Length: > 64 }))
        {
            errors.Add(new SpecError("query.instanceIdPrefix", "One prefix of at most 64 characters."));
        }

        var token = request.Headers[ManagementUrls.ContinuationTokenHeader];
        if (token.Count > 1)
        {
            errors.Add(new SpecError($"headers.{ManagementUrls.ContinuationTokenHeader}", "Give one continuation token."));
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors, "The instance query is not valid.");
        }

        var showInput = !string.Equals(request.Query["showInput"], "false", StringComparison.OrdinalIgnoreCase);
        var query = new OrchestrationQuery
        {
            Statuses = statuses,
            CreatedFrom = from,
            CreatedTo = to,
            InstanceIdPrefix = prefix.Count == 1 && prefix[0] is { Length: > 0 } p ? p : null,
            PageSize = top,
            FetchInputsAndOutputs = true,
        };
        var continuation = token.Count == 1 && token[0] is { Length: > 0 } t ? t : null;
        Page<OrchestrationMetadata>? page;
        try
        {
            // One page per request: the caller follows the continuation header for the next.
            page = await client.GetAllInstancesAsync(query)
                .AsPages(continuation, top)
                .FirstOrDefaultAsync(context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or FormatException || (e is Grpc.Core.RpcException && continuation is not null))
        {
            // The task hub reads the token; over gRPC its refusal arrives as an RpcException, not as the backend's own.
            return ApiProblem.Validation($"headers.{ManagementUrls.ContinuationTokenHeader}", "Not a continuation token this endpoint returned.");
        }

        if (page?.ContinuationToken is { Length: > 0 } next)
        {
            context.Response.Headers[ManagementUrls.ContinuationTokenHeader] = next;
        }

        return TypedResults.Ok(new JsonArray([.. (page?.Values ?? []).Select(i => (JsonNode)InstanceStatusJson.From(i, showInput))]));
    }
}
