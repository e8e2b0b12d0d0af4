namespace Swarm.Functions.Hosting;

/// <summary>
/// Marks a request the Functions host forwarded to the custom handler (the function app's <c>host</c>), which runs it through the
/// app's pipeline in-process; absent on requests the app's own server took (<c>swarm serve</c>).
/// </summary>
/// <remarks>
/// The host serves every HTTP function below its route prefix (<c>host.json</c>: <c>extensions.http.routePrefix</c>),
/// the app's copies of the <c>runtime/webhooks/durabletask</c> endpoints included, while the app serves those at its
/// root. Links the app hands out to them must therefore carry <see cref="RoutePrefix"/>: without it they would name
/// the Durable extension's own webhook, which wants the host's system key.
/// </remarks>
/// <param name="RoutePrefix">The host's route prefix, with a leading slash and no trailing one (<c>/api</c>).</param>
public sealed record FunctionsHostRequestFeature(string RoutePrefix);
