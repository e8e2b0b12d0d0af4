namespace Swarm.Functions.Intake;

/// <summary>One delivery of a job message, as the Service Bus trigger (or a local queue) hands it over.</summary>
/// <param name="MessageId">The producer's message id: the job's idempotency key and orchestration instance id.</param>
/// <param name="Body">The job document (UTF-8 JSON).</param>
/// <param name="DeliveryCount">Which delivery this is, starting at 1.</param>
/// <param name="ContentType">The body's content type, when the producer set one.</param>
/// <param name="TraceParent">The producer's W3C <c>traceparent</c>, when it sent one (Service Bus: <c>Diagnostic-Id</c>).</param>
public sealed record IntakeMessage(string? MessageId, BinaryData Body, int DeliveryCount, string? ContentType = null, string? TraceParent = null);
