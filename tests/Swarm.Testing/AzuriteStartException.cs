namespace Swarm.Testing;

/// <summary>Azurite exited while starting (typically a port taken between choosing and binding it).</summary>
public sealed class AzuriteStartException(string message) : Exception(message);
