using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary><c>POST /runtime/webhooks/durabletask/instances/{id}/suspend[?reason=]</c>: pauses the instance until it is resumed; 202, 404 unknown, 410 finished.</summary>
[Function("DurableSuspendInstance")]
[HttpTrigger(ManagementUrls.InstancesPath + "/{id}/suspend", "post")]
[Authorize(Policy = SwarmRoles.Admin)]
public sealed class SuspendInstanceFunction(DurableTaskClient client) : IHttpFunction
{
    /// <inheritdoc />
    public Task<IResult> RunAsync(HttpContext context) =>
        InstanceCommand.RunAsync(context, client, "suspended through the management API", (id, reason, ct) => client.SuspendInstanceAsync(id, reason, ct));
}
