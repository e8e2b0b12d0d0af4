using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Core;

namespace Swarm.Storage.Queues;

/// <summary>One storage queue: create/delete it; send, receive, peek, update and delete messages.</summary>
/// <remarks>
/// Delivery is at least once: a received message reappears after its visibility timeout unless deleted
/// with its pop receipt, and <see cref="QueueMessage.DequeueCount"/> counts the deliveries so poison
/// messages can be set aside. Thread-safe and meant to be long-lived.
/// </remarks>
public class QueueClient
{
    private const int MaxMessagesPerReceive = 32;

    private readonly HttpPipeline _pipeline = null!;
    private readonly QueueMessageEncoding _encoding;

    /// <summary>For mocking.</summary>
    protected QueueClient()
    {
    }

    /// <summary>Connects to <paramref name="queueName"/> with a storage connection string.</summary>
    public QueueClient(string connectionString, string queueName, QueueClientOptions? options = null)
        : this(new QueueServiceClient(connectionString, options).GetQueueClient(queueName))
    {
    }

    /// <summary>Connects to <paramref name="queueName"/> at <paramref name="endpoint"/> with Shared Key.</summary>
    public QueueClient(Uri endpoint, string queueName, AzureNamedKeyCredential credential, QueueClientOptions? options = null)
        : this(new QueueServiceClient(endpoint, credential, options).GetQueueClient(queueName))
    {
    }

    /// <summary>Connects to <paramref name="queueName"/> at <paramref name="endpoint"/> with bearer tokens.</summary>
    public QueueClient(Uri endpoint, string queueName, TokenCredential credential, QueueClientOptions? options = null)
        : this(new QueueServiceClient(endpoint, credential, options).GetQueueClient(queueName))
    {
    }

    private QueueClient(QueueClient other)
    {
        _pipeline = other._pipeline;
        _encoding = other._encoding;
        Name = other.Name;
        Uri = other.Uri;
    }

    internal QueueClient(Uri serviceUri, string queueName, HttpPipeline pipeline, QueueMessageEncoding encoding)
    {
        ValidateName(queueName);
        _pipeline = pipeline;
        _encoding = encoding;
        Name = queueName;
        Uri = new Uri(serviceUri.AbsoluteUri.TrimEnd('/') + "/" + queueName);
    }

    /// <summary>The queue name.</summary>
    public virtual string Name { get; } = null!;

    /// <summary>The queue's URI.</summary>
    public virtual Uri Uri { get; } = null!;

    /// <summary>How this client encodes message bodies.</summary>
    public virtual QueueMessageEncoding MessageEncoding => _encoding;

    private Uri MessagesUri => new(Uri.AbsoluteUri.TrimEnd('/') + "/messages");

    /// <summary>Creates the queue; succeeds when it exists with the same metadata, 409 <c>QueueAlreadyExists</c> when with other metadata.</summary>
    public virtual async Task<Response> CreateAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        using var message = QueueRequests.Create(_pipeline, RequestMethod.Put, Uri);
        if (metadata is not null)
        {
            foreach (var (name, value) in metadata)
            {
                message.Request.Headers.SetValue("x-ms-meta-" + name, value);
            }
        }

        return await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the queue unless it exists.</summary>
    public virtual async Task<Response?> CreateIfNotExistsAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CreateAsync(metadata, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == "QueueAlreadyExists")
        {
            return null;
        }
    }

    /// <summary>Deletes the queue and its messages; 404 <c>QueueNotFound</c> when absent.</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = QueueRequests.Create(_pipeline, RequestMethod.Delete, Uri);
        return await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the queue if it exists; <see langword="true"/> when this call deleted it.</summary>
    public virtual async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Whether the queue exists.</summary>
    public virtual async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Reads the metadata and approximate message count.</summary>
    public virtual async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = QueueRequests.Create(_pipeline, RequestMethod.Get, Uri, ("comp", "metadata"));
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        var count = response.Headers.TryGetValue("x-ms-approximate-messages-count", out var text)
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : 0;
        var metadata = response.Headers
            .Where(h => h.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Name["x-ms-meta-".Length..], h => h.Value, StringComparer.OrdinalIgnoreCase);
        return Response.FromValue(new QueueProperties(count, metadata), response);
    }

    /// <summary>Sends a text message.</summary>
    /// <param name="messageText">The body (encoded per <see cref="MessageEncoding"/>).</param>
    /// <param name="visibilityTimeout">Hide the message from receivers this long after sending (0-7 days).</param>
    /// <param name="timeToLive">Expire it after this long; <see cref="Timeout.InfiniteTimeSpan"/> for never. Default 7 days.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        return SendMessageAsync(BinaryData.FromString(messageText), visibilityTimeout, timeToLive, cancellationToken);
    }

    /// <summary>Sends a message with a binary body (use <see cref="QueueMessageEncoding.Base64"/> for non-text bodies).</summary>
    public virtual async Task<Response<SendReceipt>> SendMessageAsync(BinaryData body, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var ttl = timeToLive is { } t ? (t == Timeout.InfiniteTimeSpan ? "-1" : QueueRequests.Seconds(t)) : null;
        if (timeToLive is { } live && live != Timeout.InfiniteTimeSpan && live < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, "A message's time to live is at least 1 second, or infinite.");
        }

        ValidateVisibility(visibilityTimeout, nameof(visibilityTimeout));
        using var message = QueueRequests.Create(_pipeline, RequestMethod.Post, MessagesUri,
            ("visibilitytimeout", visibilityTimeout is { } v ? QueueRequests.Seconds(v) : null), ("messagettl", ttl));
        message.Request.Content = RequestContent.Create(MessageXml(QueueMessageBody.Encode(body, _encoding)));
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        var item = XDocument.Parse(response.Content.ToString()).Root!.Element("QueueMessage")!;
        return Response.FromValue(new SendReceipt(
            item.Element("MessageId")!.Value,
            item.Element("PopReceipt")!.Value,
            QueueRequests.Time(item.Element("InsertionTime")?.Value),
            QueueRequests.Time(item.Element("ExpirationTime")?.Value),
            QueueRequests.Time(item.Element("TimeNextVisible")?.Value)), response);
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> (1-32) messages, hiding them for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    public virtual async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(int? maxMessages = null, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        ValidateCount(maxMessages);
        if (visibilityTimeout is { } hide && (hide < TimeSpan.FromSeconds(1) || hide > TimeSpan.FromDays(7)))
        {
            throw new ArgumentOutOfRangeException(nameof(visibilityTimeout), visibilityTimeout, "A receive hides messages for 1 second to 7 days; to make a message visible at once, update it with a zero timeout.");
        }
        using var message = QueueRequests.Create(_pipeline, RequestMethod.Get, MessagesUri,
            ("numofmessages", maxMessages?.ToString(CultureInfo.InvariantCulture)),
            ("visibilitytimeout", visibilityTimeout is { } v ? QueueRequests.Seconds(v) : null));
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        var messages = Items(response).Select(m => new QueueMessage(
            m.Element("MessageId")!.Value,
            m.Element("PopReceipt")!.Value,
            new QueueMessageBody(m.Element("MessageText")?.Value ?? string.Empty, _encoding),
            long.Parse(m.Element("DequeueCount")?.Value ?? "0", CultureInfo.InvariantCulture),
            QueueRequests.Time(m.Element("InsertionTime")?.Value),
            QueueRequests.Time(m.Element("ExpirationTime")?.Value),
            QueueRequests.Time(m.Element("TimeNextVisible")?.Value))).ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>Receives one message, or <see langword="null"/> when none is visible.</summary>
    public virtual async Task<Response<QueueMessage?>> ReceiveMessageAsync(TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var response = await ReceiveMessagesAsync(1, visibilityTimeout, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(response.Value.FirstOrDefault(), response.GetRawResponse());
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> (1-32) visible messages without receiving them.</summary>
    public virtual async Task<Response<PeekedMessage[]>> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default)
    {
        ValidateCount(maxMessages);
        using var message = QueueRequests.Create(_pipeline, RequestMethod.Get, MessagesUri,
            ("peekonly", "true"), ("numofmessages", maxMessages?.ToString(CultureInfo.InvariantCulture)));
        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        var messages = Items(response).Select(m => new PeekedMessage(
            m.Element("MessageId")!.Value,
            new QueueMessageBody(m.Element("MessageText")?.Value ?? string.Empty, _encoding),
            long.Parse(m.Element("DequeueCount")?.Value ?? "0", CultureInfo.InvariantCulture),
            QueueRequests.Time(m.Element("InsertionTime")?.Value),
            QueueRequests.Time(m.Element("ExpirationTime")?.Value))).ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>
    /// Changes a received message's visibility (e.g. to extend processing time or to retry later) and optionally
    /// its body; answers the new pop receipt. 400 <c>PopReceiptMismatch</c> when the receipt is stale, 404 <c>MessageNotFound</c> when the message is gone.
    /// </summary>
    public virtual async Task<Response<UpdateReceipt>> UpdateMessageAsync(
        string messageId, string popReceipt, BinaryData? body = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        ValidateVisibility(visibilityTimeout, nameof(visibilityTimeout));
        using var message = QueueRequests.Create(_pipeline, RequestMethod.Put, MessageUri(messageId),
            ("popreceipt", popReceipt), ("visibilitytimeout", QueueRequests.Seconds(visibilityTimeout)));
        if (body is not null)
        {
            message.Request.Content = RequestContent.Create(MessageXml(QueueMessageBody.Encode(body, _encoding)));
        }

        var response = await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-popreceipt", out var receipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var visible);
        return Response.FromValue(new UpdateReceipt(receipt ?? string.Empty, QueueRequests.Time(visible)), response);
    }

    /// <summary>
    /// Deletes a received message; 400 <c>PopReceiptMismatch</c> when the receipt is stale (the message was
    /// delivered again since), 404 <c>MessageNotFound</c> when it is gone.
    /// </summary>
    public virtual async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = QueueRequests.Create(_pipeline, RequestMethod.Delete, MessageUri(messageId), ("popreceipt", popReceipt));
        return await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every message.</summary>
    public virtual async Task<Response> ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var message = QueueRequests.Create(_pipeline, RequestMethod.Delete, MessagesUri);
        return await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private Uri MessageUri(string messageId) => new(MessagesUri.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(messageId));

    private static IEnumerable<XElement> Items(Response response) =>
        XDocument.Parse(response.Content.ToString()).Root?.Elements("QueueMessage") ?? [];

    private static byte[] MessageXml(string text)
    {
        try
        {
            return Encoding.UTF8.GetBytes(new XElement("QueueMessage", new XElement("MessageText", text)).ToString(SaveOptions.DisableFormatting));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("The message text holds characters XML cannot carry; send it with QueueMessageEncoding.Base64.", nameof(text), e);
        }
        catch (XmlException e)
        {
            throw new ArgumentException("The message text holds characters XML cannot carry; send it with QueueMessageEncoding.Base64.", nameof(text), e);
        }
    }

    private static void ValidateCount(int? maxMessages)
    {
        if (maxMessages is < 1 or > MaxMessagesPerReceive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, $"A receive or peek takes 1-{MaxMessagesPerReceive} messages.");
        }
    }

    private static void ValidateVisibility(TimeSpan? timeout, string name)
    {
        if (timeout is { } t && (t < TimeSpan.Zero || t > TimeSpan.FromDays(7)))
        {
            throw new ArgumentOutOfRangeException(name, timeout, "A visibility timeout is between 0 seconds and 7 days.");
        }
    }

    private static void ValidateName(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        var valid = queueName.Length is >= 3 and <= 63
                    && queueName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
                    && queueName[0] != '-' && queueName[^1] != '-'
                    && !queueName.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException(
                $"Queue name '{queueName}' is invalid: 3-63 lowercase letters, digits and single dashes, starting and ending with a letter or digit.",
                nameof(queueName));
        }
    }
}
