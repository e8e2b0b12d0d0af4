using System.Text.Json;
using System.Text.Json.Serialization;

namespace Swarm.Functions.Intake;

/// <summary>A job message on a storage queue, carrying what Service Bus keeps in message properties.</summary>
/// <param name="MessageId">The message id (the instance id).</param>
/// <param name="ContentType">The body's content type.</param>
/// <param name="TraceParent">The producer's <c>traceparent</c>.</param>
/// <param name="Body">The job document as text.</param>
internal sealed record JobEnvelope(
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("contentType")] string? ContentType,
    [property: JsonPropertyName("traceParent")] string? TraceParent,
    [property: JsonPropertyName("body")] string? Body)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
