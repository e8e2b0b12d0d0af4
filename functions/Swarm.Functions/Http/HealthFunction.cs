using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Audit;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.State;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>GET /api/health</c>: liveness and readiness. 200 when the durable backend answers and the state store answers
/// and takes a write (a small blob in <see cref="ProbeContainer"/>) within <see cref="Timeout"/>, else 503 (ProblemDetails naming the failing check). <c>?probe=live</c> answers 200 without
/// touching the backend (the process is up).
/// </summary>
/// <remarks>Anonymous: platform probes carry no token. It reveals only whether each dependency answers.</remarks>
[Function("Health")]
[HttpTrigger("health", "get")]
[AllowAnonymous]
public sealed class HealthFunction(DurableTaskClient client, StateStore store, ILogger<HealthFunction> logger) : IHttpFunction
{
    /// <summary>The container the write probe writes its one small blob to.</summary>
    public const string ProbeContainer = "health";

    private const string ProbeBlob = "write-probe";
    private static readonly byte[] ProbeContent = new byte[512];

    /// <summary>How long each check may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Query["probe"] == "live")
        {
            return TypedResults.Ok(new JsonObject { ["status"] = "Healthy", ["live"] = true });
        }

        var durable = await CheckAsync("durable", ct => client.GetInstanceAsync("swarm-health-probe", ct), context.RequestAborted).ConfigureAwait(false);
        var state = await CheckAsync("stateStore", async ct =>
        {
            // A read answers on a full disk too; only a write shows that submissions would fail.
            await store.Records.GetAsync(AuditLog.Table, AuditLog.HeadPartition, AuditLog.HeadPartition, ct).ConfigureAwait(false);
            await store.Blobs.CreateContainerAsync(ProbeContainer, ct).ConfigureAwait(false);
            await store.Blobs.PutAsync(ProbeContainer, ProbeBlob, ProbeContent, ct).ConfigureAwait(false);
            return true;
        }, context.RequestAborted).ConfigureAwait(false);
        var checks = new JsonObject { ["durable"] = durable ? "Healthy" : "Unhealthy", ["stateStore"] = state ? "Healthy" : "Unhealthy" };
        if (durable && state)
        {
            return TypedResults.Ok(new JsonObject { ["status"] = "Healthy", ["live"] = true, ["ready"] = true, ["checks"] = checks });
        }

        return TypedResults.Problem(
            "The app is up but a backend does not answer.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Not ready.",
            extensions: new Dictionary<string, object?> { ["checks"] = checks });
    }

    private async Task<bool> CheckAsync<T>(string name, Func<CancellationToken, Task<T>> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await check(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Health check {Check} failed.", name);
            return false;
        }
    }
}
