using Microsoft.AspNetCore.Authorization;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.Provisioning;

namespace Swarm.Functions.Http;

/// <summary><c>POST /api/sweeps/{id}/cancel[?reason=]</c>: terminates the sweep and compensates (releases its quota, marks it cancelled); 202.</summary>
[Function("CancelSweep")]
[HttpTrigger("sweeps/{id}/cancel", "post")]
[Authorize(Policy = SwarmRoles.Write)]
public sealed class CancelSweepFunction(SweepCancellation cancellation) : IHttpFunction
{
    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (id, problem) = RouteInstanceId.Read(context);
        if (problem is not null)
        {
            return problem;
        }

        var reason = ReasonQuery.Read(context.Request, "cancelled through the API");
        if (reason.Problem is not null)
        {
            return reason.Problem;
        }

        return await cancellation.CancelAsync(id!, reason.Text!, context.RequestAborted).ConfigureAwait(false)
            ? TypedResults.Accepted((string?)null, new { id, status = "Cancelled", reason = reason.Text })
            : ApiProblem.NotFound($"No sweep '{id}'.");
    }
}
