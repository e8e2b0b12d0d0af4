using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary><c>POST /api/runs/{id}/cancel[?reason=]</c>: terminates a running simulation; 202, 404 unknown, 409 already finished.</summary>
[Function("CancelRun")]
[HttpTrigger("runs/{id}/cancel", "post")]
[Authorize(Policy = SwarmRoles.Write)]
public sealed class CancelRunFunction(DurableTaskClient client) : IHttpFunction
{
    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (id, problem) = RouteInstanceId.ReadDurable(context);
        if (problem is not null)
        {
            return problem;
        }

        var reason = ReasonQuery.Read(context.Request, "cancelled through the API");
        if (reason.Problem is not null)
        {
            return reason.Problem;
        }

        var metadata = await client.GetInstanceAsync(id!, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ApiProblem.NotFound($"No run '{id}'.");
        }

        if (metadata.IsCompleted)
        {
            return ApiProblem.Conflict($"Run '{id}' already finished ({metadata.RuntimeStatus}).");
        }

        await client.TerminateInstanceAsync(id!, reason.Text, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Accepted((string?)null, new { id, status = "Terminating", reason = reason.Text });
    }
}
