using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>
/// The blob format of one backed-up table: gzip-compressed JSON lines, one record a line,
/// <c>{"pk":…,"rk":…,"p":{…}}</c> with the properties in <see cref="RecordPropertyCodec"/>'s typed encoding.
/// </summary>
/// <remarks>Types survive the round trip exactly (a long stays a long, NaN stays NaN, bytes stay bytes), so a restore writes back what was read.</remarks>
public static class BackupTableFile
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Streams <paramref name="records"/> into a new blob; returns its bytes, row count and SHA-256.</summary>
    public static async Task<(byte[] Content, long Rows, string Sha256)> WriteAsync(IAsyncEnumerable<StateRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = 0L;
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            await using var json = new Utf8JsonWriter(gzip);
            await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                json.Reset();
                json.WriteStartObject();
                json.WriteString("pk", record.PartitionKey);
                json.WriteString("rk", record.RowKey);
                json.WritePropertyName("p");
                json.WriteRawValue(RecordPropertyCodec.Encode(record.Properties), skipInputValidation: true);
                json.WriteEndObject();
                await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                await gzip.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
                rows++;
            }
        }

        var content = buffer.ToArray();
        return (content, rows, Hash(content));
    }

    /// <summary>The records of a blob <see cref="WriteAsync"/> wrote, as records of <paramref name="table"/>, in file order.</summary>
    /// <exception cref="BackupIntegrityException">The blob is not valid gzip or a line is not a record; the message names <paramref name="blobName"/> and the line.</exception>
    public static IEnumerable<StateRecord> Read(byte[] content, string table, string blobName)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var gzip = new GZipStream(new MemoryStream(content, writable: false), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var line = 0L;
        while (true)
        {
            string? text;
            try
            {
                text = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw new BackupIntegrityException($"Backup blob '{blobName}' is not valid gzip after line {line}: {e.Message}", e);
            }

            if (text is null)
            {
                yield break;
            }

            line++;
            yield return Parse(text, table, blobName, line);
        }
    }

    /// <summary>The SHA-256 of <paramref name="content"/>, lowercase hex.</summary>
    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static StateRecord Parse(string text, string table, string blobName, long line)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var partitionKey = root.GetProperty("pk").GetString() ?? throw new FormatException("pk is null");
            var rowKey = root.GetProperty("rk").GetString() ?? throw new FormatException("rk is null");
            var properties = RecordPropertyCodec.Decode(root.GetProperty("p").GetRawText());
            return new StateRecord(table, partitionKey, rowKey, properties);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new BackupIntegrityException($"Backup blob '{blobName}' line {line} is not a record: {e.Message}", e);
        }
    }
}
