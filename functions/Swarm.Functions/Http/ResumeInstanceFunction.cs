using Microsoft.AspNetCore.Authorization;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary><c>POST /runtime/webhooks/durabletask/instances/{id}/resume[?reason=]</c>: resumes a suspended instance; 202, 404 unknown, 410 finished.</summary>
[Function("DurableResumeInstance")]
[HttpTrigger(ManagementUrls.InstancesPath + "/{id}/resume", "post")]
[Authorize(Policy = SwarmRoles.Admin)]
public sealed class ResumeInstanceFunction(DurableTaskClient client) : IHttpFunction
{
    /// <inheritdoc />
    public Task<IResult> RunAsync(HttpContext context) =>
        InstanceCommand.RunAsync(context, client, "resumed through the management API", (id, reason, ct) => client.ResumeInstanceAsync(id, reason, ct));
}
