using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.State;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>GET /api/sweeps/{id}</c>: a sweep's status (its provisioning saga and its record), progress (phase, runs and
/// batches done, from the <c>&lt;id&gt;:sweep</c> orchestration), timings and failure.
/// </summary>
[Function("GetSweep")]
[HttpTrigger("sweeps/{id}", "get")]
[Authorize(Policy = SwarmRoles.Read)]
public sealed class GetSweepFunction(DurableTaskClient client, StateStore store) : IHttpFunction
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

        var metadata = await client.GetInstanceAsync(id!, getInputsAndOutputs: true, context.RequestAborted).ConfigureAwait(false);
        var record = await SweepRecord.ReadAsync(store.Records, id!, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null && record is null)
        {
            return ApiProblem.NotFound($"No sweep '{id}'.");
        }

        var body = new JsonObject { ["id"] = id };
        if (metadata is not null)
        {
            var status = InstanceStatusJson.From(metadata, showInput: false);
            // A compensated saga completes its orchestration; the sweep did not complete, and says why.
            var state = SweepState.Of(metadata);
            body["status"] = state.Status;
            body["reason"] = state.Reason;
            body["runtimeStatus"] = metadata.RuntimeStatus.ToString();
            body["createdTime"] = status["createdTime"]?.DeepClone();
            body["lastUpdatedTime"] = status["lastUpdatedTime"]?.DeepClone();
            body["completedTime"] = status["completedTime"]?.DeepClone();
            body["durationSeconds"] = status["durationSeconds"]?.DeepClone();
            body["output"] = status["output"]?.DeepClone();
            body["failure"] = status["failureDetails"]?.DeepClone();
            var sweep = await client.GetInstanceAsync($"{id}:sweep", getInputsAndOutputs: true, context.RequestAborted).ConfigureAwait(false);
            body["progress"] = sweep is not null ? ProgressJson.OfSweep(sweep) : InstanceStatusJson.Parse(metadata.SerializedCustomStatus);
        }

        if (record is not null)
        {
            body["sweep"] = new JsonObject
            {
                ["status"] = record.Status.ToString(),
                ["model"] = record.Model,
                ["points"] = record.Points,
                ["runs"] = record.Runs,
                ["createdTime"] = record.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["updatedTime"] = record.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["error"] = record.Error,
            };
        }

        return TypedResults.Ok(body);
    }
}
