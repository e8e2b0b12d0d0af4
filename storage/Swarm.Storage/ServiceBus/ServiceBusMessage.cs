namespace Swarm.Storage.ServiceBus;

/// <summary>A message to send to a Service Bus queue or topic.</summary>
public sealed class ServiceBusMessage
{
    /// <summary>Creates a message with an empty body.</summary>
    public ServiceBusMessage()
        : this(BinaryData.Empty)
    {
    }

    /// <summary>Creates a message with a UTF-8 text body.</summary>
    public ServiceBusMessage(string body)
        : this(BinaryData.FromString(body ?? throw new ArgumentNullException(nameof(body))))
    {
    }

    /// <summary>Creates a message with <paramref name="body"/>.</summary>
    public ServiceBusMessage(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Body = body;
    }

    /// <summary>The payload.</summary>
    public BinaryData Body { get; set; }

    /// <summary>The message id; duplicate detection and Swarm's idempotency key (it becomes the instance id).</summary>
    public string? MessageId { get; set; }

    /// <summary>The body's content type, e.g. <c>application/json</c>.</summary>
    public string? ContentType { get; set; }

    /// <summary>An id correlating this message with others.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The subject (the REST API's <c>Label</c>).</summary>
    public string? Subject { get; set; }

    /// <summary>The session id, for session-enabled entities.</summary>
    public string? SessionId { get; set; }

    /// <summary>How long the message lives once enqueued.</summary>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>When the message becomes visible: a scheduled message.</summary>
    public DateTimeOffset? ScheduledEnqueueTime { get; set; }

    /// <summary>
    /// Application properties, each sent as its own HTTP header. Values may be string, bool, integer
    /// and floating-point numbers, Guid or DateTimeOffset; names must be HTTP header tokens.
    /// </summary>
    public IDictionary<string, object> ApplicationProperties { get; } = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
}
