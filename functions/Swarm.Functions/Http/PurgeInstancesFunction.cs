using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>DELETE /runtime/webhooks/durabletask/instances?createdTimeFrom=…[&amp;createdTimeTo=…][&amp;runtimeStatus=…]</c>:
/// deletes the history of every finished instance created in the range (to now when <c>createdTimeTo</c> is absent)
/// with one of the statuses (every finished status when absent); 200 with <c>instancesDeleted</c>, 404 when none matched.
/// </summary>
/// <remarks>
/// <c>createdTimeFrom</c> is required, as in the extension. A status that is not finished (Running, Pending, …) is a
/// 400: running instances are never purged.
/// </remarks>
[Function("DurablePurgeInstances")]
[HttpTrigger(ManagementUrls.InstancesPath, "delete")]
[Authorize(Policy = SwarmRoles.Admin)]
public sealed class PurgeInstancesFunction(DurableTaskClient client, TimeProvider time) : IHttpFunction
{
    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var errors = new List<SpecError>();
        var from = InstanceFilterQuery.Time(request, "createdTimeFrom", errors);
        var to = InstanceFilterQuery.Time(request, "createdTimeTo", errors);
        var statuses = InstanceFilterQuery.Statuses(request, errors);
        if (from is null && !request.Query.ContainsKey("createdTimeFrom"))
        {
            errors.Add(new SpecError("query.createdTimeFrom", "Required: purge instances created from this time (ISO 8601)."));
        }

        foreach (var unfinished in statuses?.Where(s => s is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)) ?? [])
        {
            errors.Add(new SpecError("query.runtimeStatus", $"{unfinished} instances have not finished and cannot be purged."));
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors, "The purge request is not valid.");
        }

        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(from, to ?? time.GetUtcNow().UtcDateTime, statuses),
            context.RequestAborted).ConfigureAwait(false);
        return result.PurgedInstanceCount == 0
            ? ApiProblem.NotFound("No finished instance matched.")
            : TypedResults.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }
}
