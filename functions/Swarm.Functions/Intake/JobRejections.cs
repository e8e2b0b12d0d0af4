using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Swarm.Orchestrations.State;

namespace Swarm.Functions.Intake;

/// <summary>The rejections table: one record per job message that was not run, with its reason and body.</summary>
/// <remarks>
/// A record's key is derived from the message id and a hash of the body, so recording the same message again (a
/// redelivery after the record was written but before the message was removed) overwrites the same record
/// instead of adding another. Bodies are cut to <see cref="MaxStoredBodyChars"/> characters, which keeps a record
/// well inside Azure Tables' 64 KiB property limit.
/// </remarks>
public sealed class JobRejections(StateStore store)
{
    /// <summary>The table name.</summary>
    public const string Table = "JobRejections";

    /// <summary>The most characters of a body that are stored.</summary>
    public const int MaxStoredBodyChars = 16 * 1024;

    private const int MaxKeyChars = 200;

    private volatile bool _tableCreated;

    /// <summary>Writes <paramref name="rejection"/>; when this returns, the record is durable.</summary>
    public async Task RecordAsync(JobRejection rejection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["MessageId"] = rejection.MessageId is null ? null : Cut(rejection.MessageId, 1024),
            ["Reason"] = Cut(rejection.Reason, MaxStoredBodyChars),
            ["Body"] = rejection.Body,
            ["BodyLength"] = rejection.BodyLength,
            ["BodyTruncated"] = rejection.BodyTruncated,
            ["ContentType"] = rejection.ContentType is null ? null : Cut(rejection.ContentType, 256),
            ["DeliveryCount"] = (long)rejection.DeliveryCount,
            ["Poisoned"] = rejection.Poisoned,
            ["RejectedAt"] = rejection.RejectedAt,
        };
        await store.Records.UpsertAsync(new StateRecord(Table, PartitionKey(rejection.MessageId), RowKey(rejection.Body), properties), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every rejection of message <paramref name="messageId"/>.</summary>
    public async IAsyncEnumerable<JobRejection> ForMessageAsync(string? messageId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var record in store.Records.QueryAsync(Table, PartitionKey(messageId), cancellationToken).ConfigureAwait(false))
        {
            yield return Read(record);
        }
    }

    /// <summary>Every rejection.</summary>
    public async IAsyncEnumerable<JobRejection> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var record in store.Records.QueryAsync(Table, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return Read(record);
        }
    }

    /// <summary>
    /// The rejection of a delivery: the body decoded as UTF-8 (invalid bytes replaced) and cut to
    /// <see cref="MaxStoredBodyChars"/> characters without splitting a surrogate pair.
    /// </summary>
    public static JobRejection Describe(IntakeMessage message, IEnumerable<string> problems, bool poisoned, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(problems);
        var bytes = message.Body.ToMemory();
        var text = Encoding.UTF8.GetString(bytes.Span);
        var truncated = text.Length > MaxStoredBodyChars;
        return new JobRejection(
            message.MessageId,
            string.Join('\n', problems),
            truncated ? Cut(text, MaxStoredBodyChars) : text,
            bytes.Length,
            truncated,
            message.ContentType,
            message.DeliveryCount,
            poisoned,
            now);
    }

    private static JobRejection Read(StateRecord record) => new(
        record.GetString("MessageId"),
        record.GetString("Reason") ?? string.Empty,
        record.GetString("Body") ?? string.Empty,
        record.GetInt64("BodyLength") ?? 0,
        record.GetBoolean("BodyTruncated") ?? false,
        record.GetString("ContentType"),
        (int)(record.GetInt64("DeliveryCount") ?? 0),
        record.GetBoolean("Poisoned") ?? false,
        record.GetDateTime("RejectedAt") ?? DateTimeOffset.MinValue);

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableCreated)
        {
            await store.Records.CreateTableAsync(Table, cancellationToken).ConfigureAwait(false);
            _tableCreated = true;
        }
    }

    private static string Cut(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        // Never leave half a surrogate pair: Azure Tables rejects the ill-formed UTF-16 it would make.
        var end = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return text[..end];
    }

    private static string PartitionKey(string? messageId)
    {
        if (string.IsNullOrEmpty(messageId))
        {
            return "~no-message-id";
        }

        // Keys may not hold / \ # ? or control characters; those, and very long ids, are replaced by a
        // readable prefix plus a hash, so distinct ids keep distinct keys.
        var safe = messageId.Length <= MaxKeyChars && messageId.All(c => c is not ('/' or '\\' or '#' or '?') && !char.IsControl(c));
        if (safe)
        {
            return messageId;
        }

        var prefix = new string([.. messageId.Take(64).Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c)]);
        return prefix + "~" + Hash(messageId);
    }

    private static string RowKey(string body) => Hash(body);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
