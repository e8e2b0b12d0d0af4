using System.Globalization;
using System.Text.Json;

namespace Swarm.Functions.Intake;

/// <summary>
/// Reads a Service Bus trigger invocation as the Functions host posts it to a custom handler
/// (<c>{"Data": {"&lt;binding&gt;": body}, "Metadata": {"MessageId", "DeliveryCount", "ContentType", "ApplicationProperties", …}}</c>)
/// into the <see cref="IntakeMessage"/> that <see cref="SimulationJobsFunction"/> handles.
/// </summary>
/// <remarks>
/// The host hands a JSON body over either as a string or already parsed; both give the same text. Metadata the host
/// did not send is left null (a missing <c>DeliveryCount</c> counts as the first delivery). The producer's trace
/// context is its <c>traceparent</c> application property (<see cref="ServiceBusJobMessage"/>), else the
/// <c>Diagnostic-Id</c> that Service Bus SDKs set.
/// </remarks>
public static class ServiceBusInvocation
{
    /// <summary>The trigger's binding name in the generated <c>function.json</c>.</summary>
    public const string BindingName = "message";

    /// <summary>Reads <paramref name="invocation"/>; <see cref="FormatException"/> when it is not an invocation of a trigger named <paramref name="bindingName"/>.</summary>
    public static IntakeMessage Read(JsonElement invocation, string bindingName = BindingName)
    {
        if (invocation.ValueKind != JsonValueKind.Object
            || !TryGet(invocation, "Data", out var data) || data.ValueKind != JsonValueKind.Object
            || !TryGet(data, bindingName, out var body))
        {
            throw new FormatException($"Not a Service Bus trigger invocation: expected an object with Data.{bindingName}.");
        }

        var metadata = TryGet(invocation, "Metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var text = body.ValueKind == JsonValueKind.String ? body.GetString()! : body.GetRawText();
        return new IntakeMessage(
            Text(metadata, "MessageId"),
            BinaryData.FromString(text),
            DeliveryCount(metadata),
            Text(metadata, "ContentType"),
            TraceParent(metadata));
    }

    private static int DeliveryCount(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !TryGet(metadata, "DeliveryCount", out var count))
        {
            return 1;
        }

        return count.ValueKind switch
        {
            JsonValueKind.Number when count.TryGetInt32(out var n) => Math.Max(n, 1),
            JsonValueKind.String when int.TryParse(count.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => Math.Max(n, 1),
            _ => 1,
        };
    }

    private static string? TraceParent(JsonElement metadata)
    {
        foreach (var name in new[] { "ApplicationProperties", "UserProperties" })
        {
            if (metadata.ValueKind == JsonValueKind.Object && TryGet(metadata, name, out var properties) && properties.ValueKind == JsonValueKind.Object
                && (Text(properties, ServiceBusJobMessage.TraceParentProperty) ?? Text(properties, ServiceBusJobMessage.DiagnosticIdProperty)) is { } id)
            {
                return id;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The host's casing of metadata names has varied between versions; match without case.
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
