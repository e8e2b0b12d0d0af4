using Microsoft.DurableTask.Client;

namespace Swarm.Functions.Http;

/// <summary>The instance a management endpoint acts on: its id checked and its metadata read (404 when unknown, 410 when it finished).</summary>
public static class DurableInstance
{
    /// <summary>The instance, or the problem to answer with; when <paramref name="mustBeRunning"/>, a finished instance is 410 Gone.</summary>
    public static async Task<(OrchestrationMetadata? Instance, IResult? Problem)> FindAsync(HttpContext context, DurableTaskClient client, bool mustBeRunning, bool getInputsAndOutputs = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        var (id, problem) = RouteInstanceId.ReadDurable(context);
        if (problem is not null)
        {
            return (null, problem);
        }

        var metadata = await client.GetInstanceAsync(id!, getInputsAndOutputs, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return (null, ApiProblem.NotFound($"No instance '{id}'."));
        }

        return mustBeRunning && metadata.IsCompleted
            ? (null, ApiProblem.Status(StatusCodes.Status410Gone, "Gone.", $"Instance '{id}' already finished ({metadata.RuntimeStatus})."))
            : (metadata, null);
    }
}
