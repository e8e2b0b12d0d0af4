using Microsoft.DurableTask.Client;

namespace Swarm.Functions.Http;

/// <summary>The shape shared by terminate, suspend and resume: find the running instance, read <c>?reason=</c>, act, answer 202.</summary>
public static class InstanceCommand
{
    /// <summary>Runs <paramref name="act"/> on the route's instance with the reason; 400, 404 or 410 as the Durable HTTP API documents.</summary>
    public static async Task<IResult> RunAsync(HttpContext context, DurableTaskClient client, string fallbackReason, Func<string, string, CancellationToken, Task> act)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(act);
        var reason = ReasonQuery.Read(context.Request, fallbackReason);
        if (reason.Problem is not null)
        {
            return reason.Problem;
        }

        var (instance, problem) = await DurableInstance.FindAsync(context, client, mustBeRunning: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        await act(instance!.InstanceId, reason.Text!, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Accepted((string?)null);
    }
}
