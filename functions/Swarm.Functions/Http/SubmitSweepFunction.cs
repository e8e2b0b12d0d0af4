using Microsoft.AspNetCore.Authorization;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.Jobs;

namespace Swarm.Functions.Http;

/// <summary><c>POST /api/sweeps</c>: starts a parameter sweep; 202 with its management URLs.</summary>
[Function("SubmitSweep")]
[HttpTrigger("sweeps", "post")]
[Authorize(Policy = SwarmRoles.Write)]
public sealed class SubmitSweepFunction(JobSubmission submission) : IHttpFunction
{
    /// <inheritdoc />
    public Task<IResult> RunAsync(HttpContext context) => submission.SubmitAsync(context, JobKind.Sweep, "api/sweeps/");
}
