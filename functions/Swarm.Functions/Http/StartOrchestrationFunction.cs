using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Audit;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>POST /runtime/webhooks/durabletask/orchestrators/{functionName}[/{id}]</c>: starts an instance of a registered
/// orchestrator with the JSON body as its input (no body: no input), under <c>id</c> or a new id; 202 with
/// <c>Location</c> and the instance's management URLs, as the Durable extension answers.
/// </summary>
/// <remarks>
/// As in the extension, an id whose instance finished is started afresh; an id whose instance is still running is
/// 409 here (the extension answers 500 for it). 400 for an unknown orchestrator, a bad id or a body that is not JSON.
/// </remarks>
[Function("DurableStartOrchestration")]
[HttpTrigger(OrchestratorsPath + "/{functionName}/{id?}", "post")]
[Authorize(Policy = SwarmRoles.Admin)]
public sealed class StartOrchestrationFunction(DurableTaskClient client, DurableTaskRegistry registry, IConfiguration configuration) : IHttpFunction
{
    /// <summary>The path of the start endpoint, below the host's root.</summary>
    public const string OrchestratorsPath = "runtime/webhooks/durabletask/orchestrators";

    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requested = context.GetRouteValue("functionName") as string;
        var orchestrator = registry.GetOrchestrators().Select(o => o.Key.Name).FirstOrDefault(n => string.Equals(n, requested, StringComparison.OrdinalIgnoreCase));
        if (orchestrator is null)
        {
            return ApiProblem.Validation("route.functionName", $"No orchestrator is named '{requested}'; known: {string.Join(", ", registry.GetOrchestrators().Select(o => o.Key.Name).Order(StringComparer.Ordinal))}.");
        }

        string instanceId;
        if (context.GetRouteValue("id") is string { Length: > 0 })
        {
            var (id, problem) = RouteInstanceId.ReadDurable(context);
            if (problem is not null)
            {
                return problem;
            }

            instanceId = id!;
        }
        else
        {
            instanceId = Guid.NewGuid().ToString("N");
            context.Items[AuditMiddleware.TargetItem] = instanceId;
        }

        JsonElement? input = null;
        if (HasBody(context.Request))
        {
            (input, var bodyProblem) = await RequestBody.ReadJsonValueAsync(context.Request).ConfigureAwait(false);
            if (bodyProblem is not null)
            {
                return bodyProblem;
            }
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), context.RequestAborted).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return ApiProblem.Conflict($"Instance '{instanceId}' already exists and has not finished.");
        }

        var urls = ManagementUrls.For(context.Request, configuration, instanceId);
        context.Response.Headers.RetryAfter = "10";
        return TypedResults.Accepted(urls.StatusQueryGetUri, urls);
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && !string.IsNullOrEmpty(request.ContentType));
}
