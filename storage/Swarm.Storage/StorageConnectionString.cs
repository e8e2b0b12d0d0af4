using System.Diagnostics.CodeAnalysis;
using Azure;

namespace Swarm.Storage;

/// <summary>
/// A parsed Azure Storage connection string: the account, its key and the Blob, Queue and Table endpoints.
/// </summary>
/// <remarks>
/// Accepted forms, as the Azure SDKs and the Functions host accept them:
/// <list type="bullet">
/// <item><c>UseDevelopmentStorage=true</c> (optionally <c>DevelopmentStorageProxyUri=…</c>): the Azurite defaults.</item>
/// <item><c>DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…[;EndpointSuffix=…]</c>: endpoints derived from the account.</item>
/// <item>Explicit <c>BlobEndpoint=…;QueueEndpoint=…;TableEndpoint=…</c> with <c>AccountName</c>/<c>AccountKey</c>; explicit endpoints win
/// over derived ones, and with explicit endpoints only (no protocol or suffix) the unnamed services have no endpoint.</item>
/// </list>
/// Errors are <see cref="FormatException"/>s that name the offending part but never echo the key.
/// </remarks>
public sealed class StorageConnectionString
{
    /// <summary>The Azurite development account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The Azurite development account key; public and documented, not a secret.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string DefaultEndpointSuffix = "core.windows.net";

    private static readonly HashSet<string> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "UseDevelopmentStorage", "DevelopmentStorageProxyUri", "DefaultEndpointsProtocol", "AccountName",
        "AccountKey", "EndpointSuffix", "BlobEndpoint", "QueueEndpoint", "TableEndpoint", "FileEndpoint",
        "SharedAccessSignature", "BlobSecondaryEndpoint", "QueueSecondaryEndpoint", "TableSecondaryEndpoint",
        "FileSecondaryEndpoint",
    };

    private StorageConnectionString(string accountName, AzureNamedKeyCredential credential, Uri? blob, Uri? queue, Uri? table)
    {
        AccountName = accountName;
        Credential = credential;
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>The Shared Key credential (account name and key).</summary>
    public AzureNamedKeyCredential Credential { get; }

    /// <summary>The Blob service endpoint, or <see langword="null"/> when the string names none.</summary>
    public Uri? BlobEndpoint { get; }

    /// <summary>The Queue service endpoint, or <see langword="null"/> when the string names none.</summary>
    public Uri? QueueEndpoint { get; }

    /// <summary>The Table service endpoint, or <see langword="null"/> when the string names none.</summary>
    public Uri? TableEndpoint { get; }

    /// <summary>Parses <paramref name="connectionString"/>.</summary>
    /// <exception cref="FormatException">The string is malformed; the message names the bad part.</exception>
    public static StorageConnectionString Parse(string connectionString)
    {
        if (!TryParse(connectionString, out var result, out var error))
        {
            throw new FormatException(error);
        }

        return result;
    }

    /// <summary>Parses <paramref name="connectionString"/> without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(
        string? connectionString,
        [NotNullWhen(true)] out StorageConnectionString? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = "The storage connection string is empty.";
            return false;
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = segment.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                error = $"Storage connection string segment '{Redact(segment)}' is not of the form Key=Value.";
                return false;
            }

            var key = segment[..separator].Trim();
            var value = segment[(separator + 1)..].Trim();
            if (!KnownKeys.Contains(key))
            {
                error = $"Storage connection string has an unknown setting '{key}'.";
                return false;
            }

            if (!settings.TryAdd(key, value))
            {
                error = $"Storage connection string sets '{key}' more than once.";
                return false;
            }
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development))
        {
            return TryDevelopment(settings, development, out result, out error);
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            error = "Storage connection strings with SharedAccessSignature are not supported; use AccountName/AccountKey or a TokenCredential.";
            return false;
        }

        if (!settings.TryGetValue("AccountName", out var accountName) || accountName.Length == 0)
        {
            error = "Storage connection string has no AccountName.";
            return false;
        }

        if (!settings.TryGetValue("AccountKey", out var accountKey) || accountKey.Length == 0)
        {
            error = "Storage connection string has no AccountKey.";
            return false;
        }

        if (!IsBase64(accountKey))
        {
            error = "Storage connection string AccountKey is not valid base64.";
            return false;
        }

        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        if (!protocol.Equals("https", StringComparison.OrdinalIgnoreCase) && !protocol.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            error = $"Storage connection string DefaultEndpointsProtocol '{protocol}' must be http or https.";
            return false;
        }

        var suffix = settings.GetValueOrDefault("EndpointSuffix", DefaultEndpointSuffix);
        if (suffix.Length == 0 || suffix.Contains('/', StringComparison.Ordinal))
        {
            error = $"Storage connection string EndpointSuffix '{suffix}' must be a DNS suffix such as core.windows.net.";
            return false;
        }

        // With explicit endpoints only, the other services have none: never point a local setup at the cloud by default.
        var explicitOnly = (settings.ContainsKey("BlobEndpoint") || settings.ContainsKey("QueueEndpoint") || settings.ContainsKey("TableEndpoint"))
                           && !settings.ContainsKey("EndpointSuffix") && !settings.ContainsKey("DefaultEndpointsProtocol");
        Uri? Derived(string service) => !explicitOnly && Uri.TryCreate($"{protocol.ToLowerInvariant()}://{accountName}.{service}.{suffix}", UriKind.Absolute, out var uri) ? uri : null;

        if (!TryEndpoint(settings, "BlobEndpoint", Derived("blob"), out var blob, out error)
            || !TryEndpoint(settings, "QueueEndpoint", Derived("queue"), out var queue, out error)
            || !TryEndpoint(settings, "TableEndpoint", Derived("table"), out var table, out error))
        {
            return false;
        }

        if (blob is null && queue is null && table is null)
        {
            error = $"Storage connection string EndpointSuffix '{suffix}' does not form valid endpoints for account '{accountName}'.";
            return false;
        }

        result = new StorageConnectionString(accountName, new AzureNamedKeyCredential(accountName, accountKey), blob, queue, table);
        error = null;
        return true;
    }

    /// <summary>The Azurite connection on its default ports.</summary>
    public static StorageConnectionString Development { get; } = Parse("UseDevelopmentStorage=true");

    private static bool TryDevelopment(
        Dictionary<string, string> settings,
        string value,
        [NotNullWhen(true)] out StorageConnectionString? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            error = $"Storage connection string UseDevelopmentStorage must be 'true', not '{value}'.";
            return false;
        }

        var host = "http://127.0.0.1";
        if (settings.TryGetValue("DevelopmentStorageProxyUri", out var proxy))
        {
            if (!Uri.TryCreate(proxy, UriKind.Absolute, out var proxyUri) || proxyUri.Scheme is not ("http" or "https"))
            {
                error = $"Storage connection string DevelopmentStorageProxyUri '{proxy}' is not an absolute http(s) URI.";
                return false;
            }

            host = proxyUri.GetLeftPart(UriPartial.Scheme) + proxyUri.Host;
        }

        var others = settings.Keys.Where(k => !k.Equals("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase)
                                              && !k.Equals("DevelopmentStorageProxyUri", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (others.Length > 0)
        {
            error = $"Storage connection string with UseDevelopmentStorage=true cannot also set {string.Join(", ", others)}.";
            return false;
        }

        result = new StorageConnectionString(
            DevelopmentAccountName,
            new AzureNamedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey),
            new Uri($"{host}:10000/{DevelopmentAccountName}"),
            new Uri($"{host}:10001/{DevelopmentAccountName}"),
            new Uri($"{host}:10002/{DevelopmentAccountName}"));
        error = null;
        return true;
    }

    private static bool TryEndpoint(Dictionary<string, string> settings, string key, Uri? derived, out Uri? endpoint, [NotNullWhen(false)] out string? error)
    {
        error = null;
        endpoint = derived;
        if (!settings.TryGetValue(key, out var text))
        {
            return true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"Storage connection string {key} '{text}' is not an absolute http(s) URI.";
            return false;
        }

        endpoint = new Uri(uri.AbsoluteUri.TrimEnd('/'));
        return true;
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    // A segment that fails to parse might be a key pasted in the wrong place: never echo it whole.
    private static string Redact(string segment) => segment.Length <= 12 ? segment : segment[..12] + "…";
}
