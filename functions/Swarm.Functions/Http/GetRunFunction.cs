using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary><c>GET /api/runs/{id}</c>: a simulation run's status, progress (step, steps/s, reporters), timings and failure.</summary>
[Function("GetRun")]
[HttpTrigger("runs/{id}", "get")]
[Authorize(Policy = SwarmRoles.Read)]
public sealed class GetRunFunction(DurableTaskClient client) : IHttpFunction
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

        var metadata = await client.GetInstanceAsync(id!, getInputsAndOutputs: true, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ApiProblem.NotFound($"No run '{id}'.");
        }

        var status = InstanceStatusJson.From(metadata, showInput: false);
        var body = new JsonObject
        {
            ["id"] = metadata.InstanceId,
            ["status"] = metadata.RuntimeStatus.ToString(),
            ["progress"] = ProgressJson.OfRun(metadata),
            ["createdTime"] = status["createdTime"]?.DeepClone(),
            ["lastUpdatedTime"] = status["lastUpdatedTime"]?.DeepClone(),
            ["completedTime"] = status["completedTime"]?.DeepClone(),
            ["durationSeconds"] = status["durationSeconds"]?.DeepClone(),
            ["output"] = status["output"]?.DeepClone(),
            ["failure"] = status["failureDetails"]?.DeepClone(),
        };
        return TypedResults.Ok(body);
    }
}
