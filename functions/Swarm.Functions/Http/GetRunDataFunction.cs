using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.State;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>GET /api/runs/{id}/data</c>: the model reporters a run collected, one row per collected step, oldest first
/// (<c>{"id", "rows": [{"step", &lt;reporter&gt;…}], "truncated"}</c>); at most <see cref="MaxRows"/> rows, none for a run
/// that has collected nothing yet.
/// </summary>
[Function("GetRunData")]
[HttpTrigger("runs/{id}/data", "get")]
[Authorize(Policy = SwarmRoles.Read)]
public sealed class GetRunDataFunction(StateStore store) : IHttpFunction
{
    /// <summary>The most rows one answer carries.</summary>
    public const int MaxRows = 10_000;

    /// <inheritdoc />
    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (id, problem) = RouteInstanceId.Read(context);
        if (problem is not null)
        {
            return problem;
        }

        var rows = new JsonArray();
        var truncated = false;
        await foreach (var record in store.Records.QueryAsync(StateLayout.RunData, id!, context.RequestAborted).ConfigureAwait(false))
        {
            if (rows.Count == MaxRows)
            {
                truncated = true;
                break;
            }

            var row = new JsonObject();
            foreach (var (name, value) in record.Properties)
            {
                row[name] = value switch
                {
                    long l => l,
                    int i => i,
                    double d when double.IsFinite(d) => d,
                    _ => null,
                };
            }

            rows.Add(row);
        }

        return TypedResults.Ok(new JsonObject { ["id"] = id, ["rows"] = rows, ["truncated"] = truncated });
    }
}
