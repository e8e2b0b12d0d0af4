using Swarm.Orchestrations.Jobs;

namespace Swarm.Functions.Http;

/// <summary>The <c>{id}</c> of a route, checked to be an instance id.</summary>
public static class RouteInstanceId
{
    /// <summary>The id, or the 400 problem to answer with.</summary>
    public static (string? Id, IResult? Problem) Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string;
        return id is not null && JobScheduler.IsValidInstanceId(id)
            ? (id, null)
            : (null, ApiProblem.Validation("route.id", $"'{id}' is not an instance id: 1-64 letters, digits, '-', '_' or '.'."));
    }
}
