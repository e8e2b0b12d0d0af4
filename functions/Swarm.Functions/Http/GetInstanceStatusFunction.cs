using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>GET /runtime/webhooks/durabletask/instances/{id}</c> (<c>statusQueryGetUri</c>): the instance's status in the
/// Durable HTTP API's shape; 202 while it runs (pending, running, suspended), 200 once it finished, 404 unknown.
/// <c>?showInput=false</c> leaves the input out; <c>?showHistory=true</c> adds <c>historyEvents</c>, the timeline of what it did.
/// </summary>
[Function("DurableInstanceStatus")]
[HttpTrigger(ManagementUrls.InstancesPath + "/{id}", "get")]
[Authorize(Policy = SwarmRoles.Read)]
public sealed class GetInstanceStatusFunction(DurableTaskClient client) : IHttpFunction
{
    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (instance, problem) = await DurableInstance.FindAsync(context, client, mustBeRunning: false, getInputsAndOutputs: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var showInput = !string.Equals(context.Request.Query["showInput"], "false", StringComparison.OrdinalIgnoreCase);
        var status = InstanceStatusJson.From(instance!, showInput);
        if (string.Equals(context.Request.Query["showHistory"], "true", StringComparison.OrdinalIgnoreCase))
        {
            status["historyEvents"] = InstanceHistoryJson.From(await client.GetOrchestrationHistoryAsync(instance!.InstanceId, context.RequestAborted).ConfigureAwait(false));
        }

        return instance!.IsCompleted
            ? TypedResults.Ok(status)
            : TypedResults.Json(status, statusCode: StatusCodes.Status202Accepted);
    }
}
