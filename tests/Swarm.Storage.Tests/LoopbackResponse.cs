namespace Swarm.Storage.Tests;

/// <summary>What the loopback server answers.</summary>
internal sealed record LoopbackResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null);
