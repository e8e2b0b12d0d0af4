namespace Swarm.Storage.Queues;

/// <summary>A message's stored text and the encoding to read it with.</summary>
internal readonly record struct QueueMessageBody(string Text, QueueMessageEncoding Encoding)
{
    /// <summary>The largest message text the service stores, in bytes of UTF-8.</summary>
    public const int MaxTextBytes = 64 * 1024;

    public static string Encode(BinaryData body, QueueMessageEncoding encoding)
    {
        var text = encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(body.ToMemory().Span) : body.ToString();
        var size = System.Text.Encoding.UTF8.GetByteCount(text);
        if (size > MaxTextBytes)
        {
            throw new ArgumentException(
                $"The message is {size} bytes once encoded ({encoding}); a queue message holds at most {MaxTextBytes}. Store large payloads in a blob and send a reference.", nameof(body));
        }

        return text;
    }

    public BinaryData Decode(string messageId)
    {
        if (Encoding == QueueMessageEncoding.None)
        {
            return BinaryData.FromString(Text);
        }

        var buffer = new byte[Text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(Text, buffer, out var written))
        {
            throw new FormatException($"Queue message '{messageId}' is not base64 although the client reads Base64; its text starts '{Preview(Text)}'.");
        }

        return new BinaryData(buffer.AsMemory(0, written));
    }

    private static string Preview(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
