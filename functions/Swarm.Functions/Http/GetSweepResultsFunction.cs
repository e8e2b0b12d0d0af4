using Microsoft.AspNetCore.Authorization;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.State;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>GET /api/sweeps/{id}/results</c>: the sweep's summary — <c>?format=json</c> (default), <c>csv</c> or <c>svg</c>
/// (the chart), or chosen by the <c>Accept</c> header (<c>text/csv</c>, <c>image/svg+xml</c>).
/// </summary>
/// <remarks>404 when there is no such sweep; 409 while the summary is not written yet.</remarks>
[Function("GetSweepResults")]
[HttpTrigger("sweeps/{id}/results", "get")]
[Authorize(Policy = SwarmRoles.Read)]
public sealed class GetSweepResultsFunction(StateStore store) : IHttpFunction
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

        var format = Format(context.Request);
        var (blob, contentType) = format switch
        {
            "json" => (AggregateSweep.SummaryJson, "application/json"),
            "csv" => (AggregateSweep.SummaryCsv, "text/csv; charset=utf-8"),
            "svg" => (AggregateSweep.Chart, "image/svg+xml"),
            _ => (null, null),
        };
        if (blob is null)
        {
            return ApiProblem.Validation("query.format", $"'{format}' is not a results format: json, csv or svg.");
        }

        var content = await store.Blobs.GetAsync(StateLayout.ResultsContainer(id!), blob, context.RequestAborted).ConfigureAwait(false);
        if (content is not null)
        {
            return TypedResults.Bytes(content, contentType);
        }

        var record = await SweepRecord.ReadAsync(store.Records, id!, context.RequestAborted).ConfigureAwait(false);
        return record is null
            ? ApiProblem.NotFound($"No sweep '{id}'.")
            : ApiProblem.Conflict($"Sweep '{id}' is {record.Status}; its results are written when it completes.");
    }

    private static string Format(HttpRequest request)
    {
        if (request.Query["format"] is { Count: > 0 } query)
        {
            return query[0]?.ToLowerInvariant() ?? string.Empty;
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? "csv"
            : accept.Contains("image/svg+xml", StringComparison.OrdinalIgnoreCase) ? "svg"
            : "json";
    }
}
