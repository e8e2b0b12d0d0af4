using System.Text.Json.Nodes;
using Swarm.Functions.Audit;
using Swarm.Orchestrations.Jobs;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Functions.Http;

/// <summary>
/// Submits a job of one kind from an HTTP request: validates the body with <see cref="JobReader"/> (every problem
/// listed), picks the instance id and starts the orchestration with <see cref="JobScheduler"/>.
/// </summary>
/// <remarks>
/// The instance id is the <c>Idempotency-Key</c> header or the <c>id</c> query parameter (a client-chosen id; when
/// both are given they must agree), else a new one. Resubmitting with the same key starts nothing and answers the
/// same 202 (with <c>created: false</c>), so a client that lost the first answer can safely send again.
/// </remarks>
public sealed class JobSubmission(JobReader reader, JobScheduler scheduler, IConfiguration configuration)
{
    /// <summary>The header carrying the idempotency key.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Validates and starts the request's job as <paramref name="kind"/>; the status route of the answer's <c>Location</c> is <paramref name="statusRoute"/> + id.</summary>
    public async Task<IResult> SubmitAsync(HttpContext context, JobKind kind, string statusRoute)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (instanceId, idProblems) = InstanceId(context.Request);
        var (text, problem) = await RequestBody.ReadJsonAsync(context.Request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<SpecError>(idProblems);
        var job = reader.Read(text!, RouteKind(text!, kind, errors), out var jobErrors);
        errors.AddRange(jobErrors);
        if (job is null || errors.Count > 0)
        {
            return ApiProblem.Validation(errors, $"The {kind.ToString().ToLowerInvariant()} job is not valid.");
        }

        context.Items[AuditMiddleware.TargetItem] = instanceId;
        var start = await scheduler.StartAsync(job, instanceId, context.RequestAborted).ConfigureAwait(false);
        if (start.Conflicts)
        {
            return ApiProblem.Unprocessable(
                "Idempotency key reused with a different body.",
                $"{IdempotencyKeyHeader} '{start.InstanceId}' was already used for a different job; nothing was started. Send a new key for a new job.",
                new Dictionary<string, object?> { ["idempotencyKey"] = start.InstanceId });
        }

        var baseUrl = ManagementUrls.BaseUrl(context.Request, configuration);
        var urls = ManagementUrls.For(context.Request, configuration, start.InstanceId);
        var body = new JsonObject
        {
            ["id"] = start.InstanceId,
            ["kind"] = kind.ToString().ToLowerInvariant(),
            ["created"] = start.Created,
            ["statusQueryGetUri"] = urls.StatusQueryGetUri,
            ["sendEventPostUri"] = urls.SendEventPostUri,
            ["terminatePostUri"] = urls.TerminatePostUri,
            ["suspendPostUri"] = urls.SuspendPostUri,
            ["resumePostUri"] = urls.ResumePostUri,
            ["purgeHistoryDeleteUri"] = urls.PurgeHistoryDeleteUri,
        };
        return TypedResults.Accepted($"{baseUrl}/{statusRoute}{Uri.EscapeDataString(start.InstanceId)}", body);
    }

    private static (string Id, IReadOnlyList<SpecError> Problems) InstanceId(HttpRequest request)
    {
        var problems = new List<SpecError>();
        var headerValues = request.Headers[IdempotencyKeyHeader];
        var queryValues = request.Query["id"];
        string? header = null;
        string? query = null;
        if (headerValues.Count > 1)
        {
            problems.Add(new SpecError($"headers.{IdempotencyKeyHeader}", "Give one idempotency key."));
        }
        else if (headerValues.Count == 1)
        {
            header = headerValues[0];
            Check(header, $"headers.{IdempotencyKeyHeader}", problems);
        }

        if (queryValues.Count > 1)
        {
            problems.Add(new SpecError("query.id", "Give one id."));
        }
        else if (queryValues.Count == 1)
        {
            query = queryValues[0];
            Check(query, "query.id", problems);
        }

        if (header is not null && query is not null && header != query)
        {
            problems.Add(new SpecError("query.id", $"The id '{query}' differs from the {IdempotencyKeyHeader} '{header}'."));
        }

        return (header ?? query ?? Guid.NewGuid().ToString("N"), problems);
    }

    private static void Check(string? id, string path, List<SpecError> problems)
    {
        if (id is null || !JobScheduler.IsValidInstanceId(id))
        {
            problems.Add(new SpecError(path, $"'{id}' cannot be an instance id: 1-64 letters, digits, '-', '_' or '.'."));
        }
    }

    private static JobKind RouteKind(string text, JobKind kind, List<SpecError> errors)
    {
        // The route says the kind; a "kind" in the body may repeat it but not contradict it.
        try
        {
            if (JsonNode.Parse(text) is JsonObject job && job["kind"] is { } given
                && (given.GetValueKind() != System.Text.Json.JsonValueKind.String || !given.GetValue<string>().Equals(kind.ToString(), StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(new SpecError("$.kind", $"This endpoint takes {kind.ToString().ToLowerInvariant()} jobs."));
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // The reader reports the syntax error with its position.
        }

        return kind;
    }
}
