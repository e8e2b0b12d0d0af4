using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;

namespace Swarm.Storage.Tables;

/// <summary>
/// The <c>$batch</c> wire format: one <c>multipart/mixed</c> batch holding one change set of HTTP requests
/// (https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions).
/// </summary>
internal static class TableTransactionBatch
{
    public const int MaxActions = 100;

    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A table transaction needs at least one action.", nameof(actions));
        }

        if (actions.Count > MaxActions)
        {
            throw new ArgumentException($"A table transaction holds at most {MaxActions} actions; this one has {actions.Count}.", nameof(actions));
        }

        var partition = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity ?? throw new ArgumentException($"Transaction action {i} has no entity.", nameof(actions));
            if (!string.Equals(entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"All actions of a table transaction must share one partition key; action {i} has '{entity.PartitionKey}', action 0 has '{partition}'.", nameof(actions));
            }

            if (!rows.Add(entity.RowKey))
            {
                throw new ArgumentException($"A table transaction may touch each entity once; row key '{entity.RowKey}' appears twice.", nameof(actions));
            }
        }
    }

    public static byte[] Build(string batchBoundary, Uri tableUri, IReadOnlyList<TableTransactionAction> actions, Func<ITableEntity, TableEntity> toEntity)
    {
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var body = new StringBuilder();
        body.Append("--").Append(batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");

        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = toEntity(action.Entity);
            var (method, keyed, ifMatch) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", false, (ETag?)null),
                TableTransactionActionType.UpsertMerge => ("MERGE", true, null),
                TableTransactionActionType.UpsertReplace => ("PUT", true, null),
                TableTransactionActionType.UpdateMerge => ("MERGE", true, IfMatch(action)),
                TableTransactionActionType.UpdateReplace => ("PUT", true, IfMatch(action)),
                TableTransactionActionType.Delete => ("DELETE", true, IfMatch(action)),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown table transaction action."),
            };

            var uri = keyed ? tableUri.AbsoluteUri.TrimEnd('/') + TableClient.EntityKeyPath(entity.PartitionKey, entity.RowKey) : tableUri.AbsoluteUri;
            body.Append("--").Append(changeset).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(uri).Append(" HTTP/1.1\r\n")
                .Append("Content-ID: ").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
                .Append("Accept: application/json;odata=minimalmetadata\r\n")
                .Append("DataServiceVersion: 3.0;\r\n");
            if (ifMatch is { } etag)
            {
                body.Append("If-Match: ").Append(etag.ToString()).Append("\r\n");
            }

            if (method == "DELETE")
            {
                body.Append("\r\n");
            }
            else
            {
                body.Append("Prefer: return-no-content\r\n")
                    .Append("Content-Type: application/json\r\n\r\n")
                    .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append("\r\n");
            }
        }

        body.Append("--").Append(changeset).Append("--\r\n")
            .Append("--").Append(batchBoundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static ETag IfMatch(TableTransactionAction action) =>
        action.ETag != default ? action.ETag : action.Entity.ETag != default ? action.Entity.ETag : ETag.All;

    /// <summary>Reads the sub-responses; throws <see cref="TableTransactionFailedException"/> when one failed.</summary>
    public static IReadOnlyList<TableTransactionResult> ReadResponse(string body, int actionCount)
    {
        var results = new List<TableTransactionResult>(actionCount);
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                continue;
            }

            var status = int.Parse(lines[i].AsSpan(9, 3), NumberStyles.Integer, CultureInfo.InvariantCulture);
            var etag = default(ETag);
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && lines[i][..colon].Trim().Equals("ETag", StringComparison.OrdinalIgnoreCase))
                {
                    etag = new ETag(lines[i][(colon + 1)..].Trim());
                }
            }

            var content = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Append(lines[i]).Append('\n');
            }

            i--;
            if (status >= 400)
            {
                throw Failure(status, content.ToString());
            }

            results.Add(new TableTransactionResult(status, etag));
        }

        if (results.Count != actionCount)
        {
            throw new RequestFailedException(202, $"The table transaction answered {results.Count} results for {actionCount} actions; the response could not be read.");
        }

        return results;
    }

    private static TableTransactionFailedException Failure(int status, string content)
    {
        string? code = null;
        var message = content.Trim();
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.TryGetProperty("odata.error", out var error))
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                if (error.TryGetProperty("message", out var m))
                {
                    message = (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.GetString()) ?? message;
                }
            }
        }
        catch (JsonException)
        {
            // Not the documented error shape: keep the raw text as the message.
        }

        // The service prefixes the message with the failed action's index: "3:The specified entity already exists."
        int? index = null;
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            index = parsed;
        }

        var where = index is { } n ? $"action {n}" : "an action";
        return new TableTransactionFailedException(status, $"Table transaction failed at {where}: {code ?? "(no code)"} ({status}) {message}", code, index);
    }
}
