namespace Swarm.Durable.History;

/// <summary>W3C trace context carried through history; mirrors the protobuf <c>TraceContext</c>.</summary>
/// <param name="TraceParent">The <c>traceparent</c> header value.</param>
/// <param name="TraceState">The <c>tracestate</c> header value.</param>
public sealed record TraceContext(string TraceParent, string? TraceState = null);
