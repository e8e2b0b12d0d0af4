using Swarm.Orchestrations.Jobs;

namespace Swarm.Functions.Http;

/// <summary>The <c>{id}</c> of a route, checked to be an instance id.</summary>
/// <remarks>
/// The API's own routes (<c>/api/runs/{id}</c>, <c>/api/sweeps/{id}</c>) take the ids a client may choose
/// (<see cref="JobScheduler.IsValidInstanceId"/>). The Durable management routes also take the ids the workflows make
/// for their sub-orchestrations (<c>&lt;sweep&gt;:batch:&lt;n&gt;</c>, <c>&lt;sweep&gt;-run&lt;n&gt;</c>), which may
/// hold ':' and run longer; clients send them escaped (<c>%3A</c>), and routing hands them over unescaped.
/// </remarks>
public static class RouteInstanceId
{
    /// <summary>The longest id the management routes take, as in the Durable extension.</summary>
    public const int MaxDurableIdLength = 256;

    /// <summary>The id, or the 400 problem to answer with.</summary>
    public static (string? Id, IResult? Problem) Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string;
        return id is not null && JobScheduler.IsValidInstanceId(id)
            ? (id, null)
            : (null, ApiProblem.Validation("route.id", $"'{id}' is not an instance id: 1-64 letters, digits, '-', '_' or '.'."));
    }

    /// <summary>The id of a Durable management route (sub-orchestration ids included), or the 400 problem to answer with.</summary>
    public static (string? Id, IResult? Problem) ReadDurable(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string;
        return id is not null && IsDurableId(id)
            ? (id, null)
            : (null, ApiProblem.Validation("route.id", $"'{id}' is not an instance id: 1-{MaxDurableIdLength} letters, digits, '-', '_', '.' or ':' (escaped as %3A)."));
    }

    /// <summary>Whether <paramref name="id"/> is an id the management routes take.</summary>
    public static bool IsDurableId(string id) =>
        id is { Length: > 0 and <= MaxDurableIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
