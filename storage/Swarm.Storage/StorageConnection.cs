using Azure.Core;
using Azure.Identity;
using Swarm.Storage.Blobs;
using Swarm.Storage.Queues;
using Swarm.Storage.Tables;

namespace Swarm.Storage;

/// <summary>
/// A storage connection resolved from app settings the way Azure Functions resolves a <c>connection</c> name:
/// either a connection string, or identity-based settings with service URIs and a <see cref="TokenCredential"/>.
/// </summary>
/// <remarks>
/// <para>For a connection name <c>N</c> (default <c>AzureWebJobsStorage</c>) the settings <c>N</c> and
/// <c>AzureWebJobsN</c> are tried as connection strings. Otherwise identity-based settings are read, with
/// <c>__</c> or <c>:</c> as separator (environment variables and <c>IConfiguration</c> keys):</para>
/// <list type="bullet">
/// <item><c>N__accountName</c>: endpoints <c>https://{account}.{blob|queue|table}.core.windows.net</c>.</item>
/// <item><c>N__blobServiceUri</c>, <c>N__queueServiceUri</c>, <c>N__tableServiceUri</c>: explicit endpoints (win over the account name).</item>
/// <item><c>N__serviceUri</c>: one endpoint, assigned to the service its host name names (<c>.blob.</c>, <c>.queue.</c>, <c>.table.</c>).</item>
/// <item><c>N__credential</c> = <c>managedidentity</c> (with optional <c>N__clientId</c> or <c>N__managedIdentityResourceId</c>):
/// <see cref="ManagedIdentityCredential"/>; absent: <see cref="DefaultAzureCredential"/> (managed identity in Azure, developer sign-in locally),
/// with <c>N__clientId</c> as the user-assigned identity and <c>N__tenantId</c> as the tenant.</item>
/// </list>
/// The settings are read through a lookup function, so an <c>IConfiguration</c> plugs in as <c>key =&gt; configuration[key]</c>
/// without this library depending on it.
/// </remarks>
public sealed class StorageConnection
{
    /// <summary>The connection name Functions uses for its own storage.</summary>
    public const string DefaultConnectionName = "AzureWebJobsStorage";

    private StorageConnection(string name, StorageConnectionString? connectionString, Uri? blob, Uri? queue, Uri? table, TokenCredential? credential)
    {
        Name = name;
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        QueueServiceUri = queue;
        TableServiceUri = table;
        Credential = credential;
    }

    /// <summary>The connection name the settings were read for.</summary>
    public string Name { get; }

    /// <summary>The connection string, when the connection is key-based.</summary>
    public StorageConnectionString? ConnectionString { get; }

    /// <summary>The Blob endpoint, or <see langword="null"/> when the settings name none.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>The Queue endpoint, or <see langword="null"/> when the settings name none.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>The Table endpoint, or <see langword="null"/> when the settings name none.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>The token credential, when the connection is identity-based.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>Resolves <paramref name="connectionName"/> from a dictionary of settings (keys compared case-insensitively).</summary>
    public static StorageConnection FromSettings(IReadOnlyDictionary<string, string?> settings, string connectionName = DefaultConnectionName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var lookup = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        return FromSettings(key => lookup.GetValueOrDefault(key), connectionName);
    }

    /// <summary>Resolves <paramref name="connectionName"/> through <paramref name="getSetting"/> (e.g. <c>key =&gt; configuration[key]</c>).</summary>
    /// <exception cref="FormatException">The settings are missing, malformed or contradictory; the message names the setting.</exception>
    public static StorageConnection FromSettings(Func<string, string?> getSetting, string connectionName = DefaultConnectionName)
    {
        ArgumentNullException.ThrowIfNull(getSetting);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        foreach (var candidate in new[] { connectionName, "AzureWebJobs" + connectionName })
        {
            if (getSetting(candidate) is { Length: > 0 } text)
            {
                if (!StorageConnectionString.TryParse(text, out var parsed, out var error))
                {
                    throw new FormatException($"Setting '{candidate}': {error}");
                }

                return new StorageConnection(connectionName, parsed, parsed.BlobEndpoint, parsed.QueueEndpoint, parsed.TableEndpoint, null);
            }
        }

        string? Setting(string suffix) => getSetting(connectionName + "__" + suffix) ?? getSetting(connectionName + ":" + suffix);

        Uri? Endpoint(string suffix)
        {
            var text = Setting(suffix);
            if (text is null)
            {
                return null;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"Setting '{connectionName}__{suffix}' = '{text}' is not an absolute http(s) URI.");
            }

            return new Uri(uri.AbsoluteUri.TrimEnd('/'));
        }

        Uri? blob = null, queue = null, table = null;
        if (Setting("accountName") is { Length: > 0 } account)
        {
            if (!account.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) || account.Length is < 3 or > 24)
            {
                throw new FormatException($"Setting '{connectionName}__accountName' = '{account}' is not a storage account name (3-24 lowercase letters and digits).");
            }

            blob = new Uri($"https://{account}.blob.core.windows.net");
            queue = new Uri($"https://{account}.queue.core.windows.net");
            table = new Uri($"https://{account}.table.core.windows.net");
        }

        if (Endpoint("serviceUri") is { } service)
        {
            var host = service.Host;
            if (host.Contains(".blob.", StringComparison.OrdinalIgnoreCase))
            {
                blob = service;
            }
            else if (host.Contains(".queue.", StringComparison.OrdinalIgnoreCase))
            {
                queue = service;
            }
            else if (host.Contains(".table.", StringComparison.OrdinalIgnoreCase))
            {
                table = service;
            }
            else
            {
                throw new FormatException(
                    $"Setting '{connectionName}__serviceUri' = '{service}' does not say which service it is; use {connectionName}__blobServiceUri, __queueServiceUri or __tableServiceUri.");
            }
        }

        blob = Endpoint("blobServiceUri") ?? blob;
        queue = Endpoint("queueServiceUri") ?? queue;
        table = Endpoint("tableServiceUri") ?? table;
        if (blob is null && queue is null && table is null)
        {
            throw new FormatException(
                $"No storage connection named '{connectionName}': set '{connectionName}' to a connection string, or '{connectionName}__accountName' / '{connectionName}__serviceUri' (with '__blobServiceUri', '__queueServiceUri', '__tableServiceUri') for an identity-based connection.");
        }

        return new StorageConnection(connectionName, null, blob, queue, table, ResolveCredential(connectionName, Setting));
    }

    private static TokenCredential ResolveCredential(string connectionName, Func<string, string?> setting)
    {
        var clientId = setting("clientId");
        var resourceId = setting("managedIdentityResourceId");
        if (clientId is not null && resourceId is not null)
        {
            throw new FormatException($"Settings '{connectionName}__clientId' and '{connectionName}__managedIdentityResourceId' name two identities; set one.");
        }

        switch (setting("credential"))
        {
            case null:
                var options = new DefaultAzureCredentialOptions();
                if (clientId is not null)
                {
                    options.ManagedIdentityClientId = clientId;
                }

                if (resourceId is not null)
                {
                    options.ManagedIdentityResourceId = new Azure.Core.ResourceIdentifier(resourceId);
                }

                if (setting("tenantId") is { } tenant)
                {
                    options.TenantId = tenant;
                }

                return new DefaultAzureCredential(options);
            case var kind when kind.Equals("managedidentity", StringComparison.OrdinalIgnoreCase):
                var id = resourceId is not null
                    ? ManagedIdentityId.FromUserAssignedResourceId(new Azure.Core.ResourceIdentifier(resourceId))
                    : clientId is not null ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned;
                return new ManagedIdentityCredential(id);
            case var other:
                throw new FormatException($"Setting '{connectionName}__credential' = '{other}' is not supported; use 'managedidentity' or leave it unset.");
        }
    }

    /// <summary>A Table client for this connection.</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null)
    {
        var endpoint = TableServiceUri ?? throw Missing("table");
        return ConnectionString is { } key
            ? new TableServiceClient(endpoint, key.Credential, options)
            : new TableServiceClient(endpoint, Credential!, options);
    }

    /// <summary>A Blob client for this connection.</summary>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null)
    {
        var endpoint = BlobServiceUri ?? throw Missing("blob");
        return ConnectionString is { } key
            ? new BlobServiceClient(endpoint, key.Credential, options)
            : new BlobServiceClient(endpoint, Credential!, options);
    }

    /// <summary>A Queue client for this connection.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null)
    {
        var endpoint = QueueServiceUri ?? throw Missing("queue");
        return ConnectionString is { } key
            ? new QueueServiceClient(endpoint, key.Credential, options)
            : new QueueServiceClient(endpoint, Credential!, options);
    }

    private InvalidOperationException Missing(string service) =>
        new($"Storage connection '{Name}' names no {service} endpoint; set '{Name}__{service}ServiceUri' or use a connection string.");
}
