using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Swarm.Storage.Authentication;

/// <summary>
/// Signs Blob and Queue requests with the Shared Key scheme
/// (https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key).
/// </summary>
/// <remarks>Must run after every policy that changes headers (it signs what is sent), so it sits last before the transport.</remarks>
public sealed class SharedKeyAuthenticationPolicy : HttpPipelineSynchronousPolicy
{
    private readonly AzureNamedKeyCredential _credential;

    /// <summary>Creates the policy for the account and key in <paramref name="credential"/>.</summary>
    public SharedKeyAuthenticationPolicy(AzureNamedKeyCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
    }

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture));
        request.Headers.SetValue("Authorization", SharedKeySignature.Authorization(_credential, StringToSign(request)));
    }

    private string StringToSign(Request request)
    {
        string Header(string name) => request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

        var contentLength = Header("Content-Length");
        if (contentLength.Length == 0 && request.Content is not null && request.Content.TryComputeLength(out var length))
        {
            contentLength = length.ToString(CultureInfo.InvariantCulture);
        }

        // Since version 2015-02-21 a zero length is signed as the empty string.
        if (contentLength == "0")
        {
            contentLength = string.Empty;
        }

        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header("Content-Encoding")).Append('\n')
            .Append(Header("Content-Language")).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(Header("Content-MD5")).Append('\n')
            .Append(Header("Content-Type")).Append('\n')
            .Append('\n') // Date: x-ms-date is signed among the canonical headers instead.
            .Append(Header("If-Modified-Since")).Append('\n')
            .Append(Header("If-Match")).Append('\n')
            .Append(Header("If-None-Match")).Append('\n')
            .Append(Header("If-Unmodified-Since")).Append('\n')
            .Append(Header("Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        builder.Append(SharedKeySignature.CanonicalPath(_credential, uri));
        foreach (var parameter in QueryParameters(uri).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(parameter.Key).Append(':')
                .Append(string.Join(',', parameter.Value.OrderBy(v => v, StringComparer.Ordinal)));
        }

        return builder.ToString();
    }

    private static Dictionary<string, List<string>> QueryParameters(Uri uri)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(separator < 0 ? pair : pair[..separator]).ToLowerInvariant();
            var value = separator < 0 ? string.Empty : Uri.UnescapeDataString(pair[(separator + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        return result;
    }
}
