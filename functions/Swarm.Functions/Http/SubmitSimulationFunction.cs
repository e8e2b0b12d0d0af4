using Microsoft.AspNetCore.Authorization;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.Jobs;

namespace Swarm.Functions.Http;

/// <summary><c>POST /api/simulations</c>: starts a simulation run; 202 with its management URLs.</summary>
[Function("SubmitSimulation")]
[HttpTrigger("simulations", "post")]
[Authorize(Policy = SwarmRoles.Write)]
public sealed class SubmitSimulationFunction(JobSubmission submission) : IHttpFunction
{
    /// <inheritdoc />
    public Task<IResult> RunAsync(HttpContext context) => submission.SubmitAsync(context, JobKind.Simulation, "api/runs/");
}
