using Azure.Messaging.ServiceBus;

namespace Swarm.Functions.Intake;

/// <summary>A job message on Service Bus: what <c>swarm submit --servicebus</c> sends and the intake reads back.</summary>
/// <remarks>
/// The message id is the job's instance id (the queue's duplicate detection and the intake both key on it), the
/// body is the job document as UTF-8 JSON, and the producer's W3C trace context travels in the application
/// property <c>traceparent</c>. A message from another producer may carry only the SDKs' older
/// <c>Diagnostic-Id</c>; that is read too.
/// </remarks>
public static class ServiceBusJobMessage
{
    /// <summary>The application property holding the W3C <c>traceparent</c>.</summary>
    public const string TraceParentProperty = "traceparent";

    /// <summary>The application property in which Service Bus SDKs put the trace context.</summary>
    public const string DiagnosticIdProperty = "Diagnostic-Id";

    /// <summary>The fully qualified namespace for a command's <c>--servicebus</c>: as given, or a bare name in the public cloud.</summary>
    /// <exception cref="ArgumentException"><paramref name="given"/> is not a host name (a URL, a connection string …).</exception>
    public static string FullyQualifiedNamespace(string given)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(given);
        var host = given.Contains('.', StringComparison.Ordinal) ? given : given + ".servicebus.windows.net";
        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            throw new ArgumentException($"'{given}' is not a namespace host name; give it as contoso.servicebus.windows.net (or contoso).", nameof(given));
        }

        return host;
    }

    /// <summary>The Service Bus message for <paramref name="message"/>.</summary>
    public static ServiceBusMessage ToServiceBus(IntakeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sent = new ServiceBusMessage(message.Body) { MessageId = message.MessageId, ContentType = message.ContentType };
        if (message.TraceParent is { } traceParent)
        {
            sent.ApplicationProperties[TraceParentProperty] = traceParent;
        }

        return sent;
    }

    /// <summary>The intake's view of a received message (the delivery count is the broker's, 1 on the first delivery).</summary>
    public static IntakeMessage FromServiceBus(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var properties = message.ApplicationProperties;
        var traceParent = properties.TryGetValue(TraceParentProperty, out var w3c) && w3c is string text ? text
            : properties.TryGetValue(DiagnosticIdProperty, out var id) && id is string diagnostic ? diagnostic : null;
        return new IntakeMessage(
            string.IsNullOrEmpty(message.MessageId) ? null : message.MessageId,
            message.Body,
            Math.Max(message.DeliveryCount, 1),
            message.ContentType,
            traceParent);
    }
}
