using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary><c>DELETE /runtime/webhooks/durabletask/instances/{id}</c> (<c>purgeHistoryDeleteUri</c>): deletes a finished instance's history; 200 with <c>instancesDeleted</c>, 404 unknown, 409 while it runs.</summary>
[Function("DurablePurgeInstance")]
[HttpTrigger(ManagementUrls.InstancesPath + "/{id}", "delete")]
[Authorize(Policy = SwarmRoles.Admin)]
public sealed class PurgeInstanceFunction(DurableTaskClient client) : IHttpFunction
{
    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (instance, problem) = await DurableInstance.FindAsync(context, client, mustBeRunning: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!instance!.IsCompleted)
        {
            return ApiProblem.Conflict($"Instance '{instance.InstanceId}' is {instance.RuntimeStatus}; terminate it before purging.");
        }

        var result = await client.PurgeInstanceAsync(instance.InstanceId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }
}
