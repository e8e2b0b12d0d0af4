using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Core;

namespace Swarm.Storage.ServiceBus;

/// <summary>
/// Sends messages to a Service Bus queue or topic through the REST API
/// (<c>POST https://{namespace}/{entity}/messages</c>) with Microsoft Entra ID tokens: for producers that
/// need no AMQP connection.
/// </summary>
/// <remarks>
/// Broker properties (<c>MessageId</c>, <c>ScheduledEnqueueTimeUtc</c>, …) travel as JSON in the
/// <c>BrokerProperties</c> header, the content type as <c>Content-Type</c>, and each application property as its
/// own header with a JSON-encoded value. Tokens are requested for <c>https://servicebus.azure.net/.default</c>;
/// the identity needs the <em>Azure Service Bus Data Sender</em> role. Thread-safe and meant to be long-lived.
/// </remarks>
public class ServiceBusSender
{
    /// <summary>The OAuth scope of Service Bus.</summary>
    public const string Scope = "https://servicebus.azure.net/.default";

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "BrokerProperties", "Content-Type", "Content-Length", "Host", "Date", "x-ms-retrypolicy",
        "x-ms-client-request-id", "x-ms-return-client-request-id", "User-Agent", "traceparent", "Accept",
    };

    private readonly HttpPipeline _pipeline = null!;
    private readonly Uri _messagesUri = null!;

    /// <summary>For mocking.</summary>
    protected ServiceBusSender()
    {
    }

    /// <summary>A sender for <paramref name="entityPath"/> in <paramref name="fullyQualifiedNamespace"/> (e.g. <c>contoso.servicebus.windows.net</c>).</summary>
    public ServiceBusSender(string fullyQualifiedNamespace, string entityPath, TokenCredential credential, ServiceBusSenderOptions? options = null)
        : this(NamespaceUri(fullyQualifiedNamespace), entityPath, credential, options)
    {
    }

    /// <summary>A sender for <paramref name="entityPath"/> at the namespace endpoint <paramref name="namespaceEndpoint"/> (https).</summary>
    public ServiceBusSender(Uri namespaceEndpoint, string entityPath, TokenCredential credential, ServiceBusSenderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityPath);
        var endpoint = StoragePipeline.ValidateEndpoint(namespaceEndpoint);
        if (entityPath.StartsWith('/') || entityPath.EndsWith('/') || entityPath.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Entity path '{entityPath}' must be a queue or topic name without leading or trailing '/'.", nameof(entityPath));
        }

        _pipeline = StoragePipeline.ForToken(options ?? new ServiceBusSenderOptions(), credential, endpoint, Scope);
        EntityPath = entityPath;
        FullyQualifiedNamespace = endpoint.Authority;
        _messagesUri = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + string.Join('/', entityPath.Split('/').Select(Uri.EscapeDataString)) + "/messages");
    }

    /// <summary>The namespace host (and port).</summary>
    public virtual string FullyQualifiedNamespace { get; } = null!;

    /// <summary>The queue or topic.</summary>
    public virtual string EntityPath { get; } = null!;

    /// <summary>Sends <paramref name="message"/>; the service answers 201 when it is enqueued (or scheduled).</summary>
    public virtual async Task<Response> SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var http = _pipeline.CreateMessage();
        var request = http.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_messagesUri);
        request.Headers.SetValue("Content-Type", message.ContentType ?? "application/octet-stream");
        request.Headers.SetValue("BrokerProperties", BrokerProperties(message));
        foreach (var (name, value) in message.ApplicationProperties)
        {
            if (name.Length == 0 || ReservedHeaders.Contains(name) || !name.All(IsTokenChar))
            {
                throw new ArgumentException($"Application property name '{name}' cannot be sent as an HTTP header (reserved or not a header token).", nameof(message));
            }

            request.Headers.SetValue(name, PropertyValue(name, value));
        }

        request.Content = RequestContent.Create(message.Body);
        return await _pipeline.SendOrThrowAsync(http, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="message"/> to become visible at <paramref name="enqueueTime"/>.</summary>
    public virtual Task<Response> ScheduleMessageAsync(ServiceBusMessage message, DateTimeOffset enqueueTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.ScheduledEnqueueTime = enqueueTime;
        return SendMessageAsync(message, cancellationToken);
    }

    private static string BrokerProperties(ServiceBusMessage message)
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                properties[name] = value;
            }
        }

        Add("MessageId", message.MessageId);
        Add("CorrelationId", message.CorrelationId);
        Add("Label", message.Subject);
        Add("SessionId", message.SessionId);
        Add("TimeToLive", message.TimeToLive?.TotalSeconds);
        Add("ScheduledEnqueueTimeUtc", message.ScheduledEnqueueTime?.UtcDateTime.ToString("R", CultureInfo.InvariantCulture));
        return JsonSerializer.Serialize(properties);
    }

    private static string PropertyValue(string name, object value) => value switch
    {
        string s => JsonSerializer.Serialize(s),
        bool b => b ? "true" : "false",
        int or long or short or byte or uint or ulong or ushort or sbyte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double or float or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        Guid g => JsonSerializer.Serialize(g.ToString("D")),
        DateTimeOffset dto => JsonSerializer.Serialize(dto.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)),
        DateTime dt => JsonSerializer.Serialize(dt.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"Application property '{name}' has type {value?.GetType().Name ?? "null"}, which Service Bus cannot carry.", nameof(value)),
    };

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static Uri NamespaceUri(string fullyQualifiedNamespace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullyQualifiedNamespace);
        if (fullyQualifiedNamespace.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate("https://" + fullyQualifiedNamespace, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/")
        {
            throw new ArgumentException($"'{fullyQualifiedNamespace}' is not a namespace host name like 'contoso.servicebus.windows.net'.", nameof(fullyQualifiedNamespace));
        }

        return uri;
    }
}
