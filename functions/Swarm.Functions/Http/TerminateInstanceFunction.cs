using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary><c>POST /runtime/webhooks/durabletask/instances/{id}/terminate[?reason=]</c>: stops the instance (and records the reason as its output); 202, 404 unknown, 410 finished.</summary>
[Function("DurableTerminateInstance")]
[HttpTrigger(ManagementUrls.InstancesPath + "/{id}/terminate", "post")]
[Authorize(Policy = SwarmRoles.Admin)]
public sealed class TerminateInstanceFunction(DurableTaskClient client) : IHttpFunction
{
    /// <inheritdoc />
    public Task<IResult> RunAsync(HttpContext context) =>
        InstanceCommand.RunAsync(context, client, "terminated through the management API", (id, reason, ct) => client.TerminateInstanceAsync(id, reason, ct));
}
