using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Swarm.Storage.Core;

/// <summary>
/// Reads the service's error code and message from a failed response: the <c>x-ms-error-code</c>
/// header, the Blob/Queue XML body (<c>&lt;Error&gt;&lt;Code&gt;</c>, also Service Bus's <c>&lt;Detail&gt;</c>) or the Table JSON body (<c>odata.error</c>).
/// </summary>
internal sealed class StorageErrorDetailsParser : RequestFailedDetailsParser
{
    public static StorageErrorDetailsParser Instance { get; } = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? message = null;
        try
        {
            var body = response.ContentStream is null ? null : response.Content;
            if (body is not null && !body.ToMemory().IsEmpty)
            {
                var text = body.ToString().TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
                if (text.StartsWith('<'))
                {
                    (code, message) = FromXml(text, code);
                }
                else if (text.StartsWith('{'))
                {
                    (code, message) = FromJson(text, code);
                }
            }
        }
        catch (Exception e) when (e is XmlException or JsonException or InvalidOperationException)
        {
            // A body that is not the documented error shape still leaves the status and header code.
        }

        error = code is null && message is null ? null : new ResponseError(code, message);
        return error is not null;
    }

    private static (string? Code, string? Message) FromXml(string text, string? code)
    {
        var root = XDocument.Parse(text).Root;
        return (code ?? root?.Element("Code")?.Value, root?.Element("Message")?.Value ?? root?.Element("Detail")?.Value);
    }

    private static (string? Code, string? Message) FromJson(string text, string? code)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.TryGetProperty("odata.error", out var odata) || root.TryGetProperty("error", out odata))
        {
            string? message = null;
            if (odata.TryGetProperty("message", out var m))
            {
                message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
            }

            return (code ?? (odata.TryGetProperty("code", out var c) ? c.GetString() : null), message);
        }

        return (code, null);
    }
}
