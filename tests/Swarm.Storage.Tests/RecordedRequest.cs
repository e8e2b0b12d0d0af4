namespace Swarm.Storage.Tests;

/// <summary>A request as the loopback server received it.</summary>
internal sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body);
