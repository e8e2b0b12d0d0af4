using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>POST /runtime/webhooks/durabletask/instances/{id}/raiseEvent/{eventName}</c> (<c>sendEventPostUri</c>): sends
/// the JSON body to the instance as event <c>eventName</c>; 202, 400 bad JSON or name, 404 unknown, 410 finished.
/// </summary>
[Function("DurableRaiseEvent")]
[HttpTrigger(ManagementUrls.InstancesPath + "/{id}/raiseEvent/{eventName}", "post")]
[Authorize(Policy = SwarmRoles.Admin)]
public sealed class RaiseEventFunction(DurableTaskClient client) : IHttpFunction
{
    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var eventName = context.GetRouteValue("eventName") as string;
        if (eventName is not { Length: > 0 and <= 100 } || !eventName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return ApiProblem.Validation("route.eventName", "1-100 letters, digits, '-', '_' or '.'.");
        }

        var (payload, bodyProblem) = await RequestBody.ReadJsonValueAsync(context.Request).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var (instance, problem) = await DurableInstance.FindAsync(context, client, mustBeRunning: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        await client.RaiseEventAsync(instance!.InstanceId, eventName, payload!.Value, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Accepted((string?)null);
    }
}
