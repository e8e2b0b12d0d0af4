using Azure.Core;

namespace Swarm.Storage.ServiceBus;

/// <summary>Options for <see cref="ServiceBusSender"/>: retry, transport, diagnostics.</summary>
public sealed class ServiceBusSenderOptions : ClientOptions
{
}
