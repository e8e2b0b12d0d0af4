using System.Text;
using System.Text.Json;

namespace Swarm.Functions.Http;

/// <summary>Reads a JSON request body as text, within the server's body size limit.</summary>
public static class RequestBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body text, or the problem to answer with (413 too large, 415 not JSON, 400 not UTF-8 or empty).</summary>
    public static async Task<(string? Text, IResult? Problem)> ReadJsonAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return (null, ApiProblem.UnsupportedMediaType(request.ContentType));
        }

        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's limit check: the body (or its Content-Length) is larger than allowed, or the framing is broken.
            return (null, ApiProblem.Status(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large." : "Bad request.", e.Message));
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, ApiProblem.Validation("$", "The body is not UTF-8 text."));
        }

        text = text.TrimStart('\uFEFF');
        return string.IsNullOrWhiteSpace(text) ? (null, ApiProblem.Validation("$", "The body is empty; send a JSON job.")) : (text, null);
    }

    /// <summary>The body parsed as one JSON value, or the problem to answer with (as <see cref="ReadJsonAsync"/>, and 400 when it does not parse).</summary>
    public static async Task<(JsonElement? Value, IResult? Problem)> ReadJsonValueAsync(HttpRequest request)
    {
        var (text, problem) = await ReadJsonAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            using var document = JsonDocument.Parse(text!);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblem.Validation(e.Path ?? "$", $"Not valid JSON: {e.Message}"));
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
