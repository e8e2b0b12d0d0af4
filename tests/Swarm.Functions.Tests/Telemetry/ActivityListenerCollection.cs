namespace Swarm.Functions.Tests.Telemetry;

/// <summary>
/// Tests that assert how Swarm's own tracer provider samples: they run alone, after every parallel test, because any other
/// test's <c>ActivityListener</c> on the same sources (listeners are process-wide) can ask for a span to be recorded.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ActivityListenerCollection
{
    public const string Name = "Process-wide activity listeners";
}
