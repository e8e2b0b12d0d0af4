using Swarm.Functions.Hosting;

namespace Swarm.Functions.Commands;

/// <summary>What a <c>host</c> command has checked before it starts the custom-handler server: where it listens and the request limits the settings give.</summary>
/// <param name="Url">The address on 127.0.0.1 the server listens on.</param>
/// <param name="Limits">The request limits from the <see cref="RequestLimits"/> settings.</param>
public sealed record HostStartup(string Url, RequestLimits Limits);
