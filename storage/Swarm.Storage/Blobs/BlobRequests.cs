using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Swarm.Storage.Blobs;

/// <summary>Headers and response reading shared by the Blob clients.</summary>
internal static class BlobRequests
{
    private const string MetadataPrefix = "x-ms-meta-";

    public static HttpMessage Create(HttpPipeline pipeline, RequestMethod method, Uri uri)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("x-ms-version", BlobClientOptions.ServiceVersion);
        return message;
    }

    public static Uri WithQuery(Uri uri, params (string Name, string? Value)[] query)
    {
        var builder = new RequestUriBuilder();
        builder.Reset(uri);
        foreach (var (name, value) in query)
        {
            if (value is not null)
            {
                builder.AppendQuery(name, value);
            }
        }

        return builder.ToUri();
    }

    public static void Apply(Request request, BlobRequestConditions? conditions)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", ifMatch.ToString("H"));
        }

        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue("If-None-Match", ifNoneMatch.ToString("H"));
        }

        if (conditions.IfModifiedSince is { } since)
        {
            request.Headers.SetValue("If-Modified-Since", since.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions.IfUnmodifiedSince is { } unmodified)
        {
            request.Headers.SetValue("If-Unmodified-Since", unmodified.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions.LeaseId is { } leaseId)
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }
    }

    public static void Apply(Request request, IDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var (name, value) in metadata)
        {
            if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"Blob metadata name '{name}' is invalid: it must be a C# identifier.", nameof(metadata));
            }

            if (value.Any(c => c > 0x7e || c < 0x20))
            {
                throw new ArgumentException($"Blob metadata '{name}' has a value with characters HTTP headers cannot carry; encode it (e.g. base64).", nameof(metadata));
            }

            request.Headers.SetValue(MetadataPrefix + name, value);
        }
    }

    public static BlobContentInfo ContentInfo(Response response) => new(
        response.Headers.ETag ?? default,
        response.Headers.TryGetValue("Last-Modified", out var modified) ? DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture) : default);

    public static BlobProperties Properties(Response response)
    {
        string? Header(string name) => response.Headers.TryGetValue(name, out var value) ? value : null;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetadataPrefix.Length..]] = header.Value;
            }
        }

        // A ranged read reports the whole blob's length in Content-Range ("bytes 0-9/100").
        var length = long.TryParse(Header("Content-Length"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 0;
        if (Header("Content-Range") is { } range && range.LastIndexOf('/') is var slash and > 0
            && long.TryParse(range.AsSpan(slash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var total))
        {
            length = total;
        }

        return new BlobProperties
        {
            ContentLength = length,
            ContentType = Header("Content-Type"),
            ETag = response.Headers.ETag ?? default,
            LastModified = Header("Last-Modified") is { } modified ? DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture) : default,
            CreatedOn = Header("x-ms-creation-time") is { } created ? DateTimeOffset.Parse(created, CultureInfo.InvariantCulture) : null,
            Metadata = metadata,
            LeaseState = Header("x-ms-lease-state"),
            LeaseStatus = Header("x-ms-lease-status"),
            LeaseDuration = Header("x-ms-lease-duration"),
        };
    }

    /// <summary>An ETag from a listing body, in the same unquoted form Azure.Core gives header ETags.</summary>
    public static ETag ETagFromBody(string? value) => new((value ?? string.Empty).Trim('"'));

    public static RequestFailedException NotModified(Uri uri) =>
        new(304, $"Condition not met: '{uri.AbsolutePath}' has not changed (If-None-Match / If-Modified-Since).", "ConditionNotMet", null);
}
