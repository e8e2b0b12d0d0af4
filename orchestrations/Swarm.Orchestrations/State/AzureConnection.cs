using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Swarm.Orchestrations.State;

/// <summary>
/// A storage connection named in app settings, read the way the Azure Functions host reads a binding's
/// <c>connection</c>, and the Azure SDK clients built from it.
/// </summary>
/// <remarks>
/// <para>For a connection name <c>N</c>, a value at <c>N</c> (or <c>AzureWebJobsN</c>) is a connection string:
/// <c>UseDevelopmentStorage=true</c> for Azurite, or an account with a key (the clients take it as it is). Otherwise the
/// connection is identity-based, with <c>__</c> or <c>:</c> between the name and the setting:</para>
/// <list type="bullet">
/// <item><c>N__tableServiceUri</c>, <c>N__blobServiceUri</c>, <c>N__queueServiceUri</c>: each service's endpoint;</item>
/// <item><c>N__serviceUri</c>: one endpoint, for the service its host name names (<c>.blob.</c>, <c>.queue.</c>, <c>.table.</c>);</item>
/// <item><c>N__accountName</c>: the endpoints of that account in the public cloud, for the services given no explicit one;</item>
/// <item><c>N__credential</c>, <c>N__clientId</c>, <c>N__managedIdentityResourceId</c>, <c>N__tenantId</c> …: the token
/// credential, made by Microsoft.Extensions.Azure's <see cref="AzureComponentFactory"/> exactly as for the host's own
/// clients (<c>managedidentity</c> with the user-assigned identity's client id in Azure; no <c>credential</c> setting:
/// <c>DefaultAzureCredential</c>).</item>
/// </list>
/// <para>The client options come from the same section through the factory (e.g. <c>N__Retry__MaxRetries</c>). Create
/// one connection per process and share the clients it makes: they are thread-safe and hold the connection pool.</para>
/// </remarks>
public sealed class AzureConnection
{
    private static readonly Lazy<AzureComponentFactory> SharedFactory = new(() =>
    {
        // The process-wide factory where no host container provides one (the command line, tests); it lives as long as the process.
        var services = new ServiceCollection().AddLogging();
        services.AddAzureClientsCore();
        return services.BuildServiceProvider().GetRequiredService<AzureComponentFactory>();
    });

    private readonly AzureComponentFactory _factory;
    private readonly IConfiguration _section;
    private readonly string? _connectionString;
    private readonly Uri? _table;
    private readonly Uri? _blob;
    private readonly Uri? _queue;
    private readonly TokenCredential? _credential;

    private AzureConnection(string name, AzureComponentFactory factory, IConfiguration section, string? connectionString, Uri? table, Uri? blob, Uri? queue, TokenCredential? credential)
    {
        Name = name;
        _factory = factory;
        _section = section;
        _connectionString = connectionString;
        _table = table;
        _blob = blob;
        _queue = queue;
        _credential = credential;
    }

    /// <summary>The connection name the settings were read for.</summary>
    public string Name { get; }

    /// <summary>Whether the connection is a connection string (keys: Azurite, or an account that allows them).</summary>
    public bool IsConnectionString => _connectionString is not null;

    /// <summary>The token credential of an identity-based connection; null for a connection string.</summary>
    public TokenCredential? Credential => _credential;

    /// <summary>The connection of a connection string (<c>UseDevelopmentStorage=true</c>, or one with endpoints and a key).</summary>
    public static AzureConnection FromConnectionString(string connectionString, string name = "connection")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var section = new ConfigurationBuilder().AddInMemoryCollection([new(name, connectionString)]).Build().GetSection(name);
        return new AzureConnection(name, SharedFactory.Value, section, connectionString, null, null, null, null);
    }

    /// <summary>Reads connection <paramref name="name"/> from <paramref name="configuration"/> (environment variables use <c>__</c>).</summary>
    /// <param name="configuration">The app settings.</param>
    /// <param name="name">The connection name, e.g. <c>SwarmState</c>.</param>
    /// <param name="factory">The host's factory (from <c>AddAzureClientsCore</c>); a shared one when null.</param>
    /// <exception cref="FormatException">The settings are missing or malformed; the message names the setting.</exception>
    public static AzureConnection FromConfiguration(IConfiguration configuration, string name, AzureComponentFactory? factory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        factory ??= SharedFactory.Value;
        foreach (var candidate in new[] { name, "AzureWebJobs" + name })
        {
            if (configuration[candidate] is { Length: > 0 } connectionString)
            {
                return new AzureConnection(name, factory, configuration.GetSection(candidate), connectionString, null, null, null, null);
            }
        }

        var section = configuration.GetSection(name);
        Uri? table = null, blob = null, queue = null;
        if (section["accountName"] is { Length: > 0 } account)
        {
            if (account.Length is < 3 or > 24 || !account.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            {
                throw new FormatException($"Setting '{name}__accountName' = '{account}' is not a storage account name (3-24 lowercase letters and digits).");
            }

            table = new Uri($"https://{account}.table.core.windows.net");
            blob = new Uri($"https://{account}.blob.core.windows.net");
            queue = new Uri($"https://{account}.queue.core.windows.net");
        }

        if (Endpoint(section, name, "serviceUri") is { } service)
        {
            var host = service.Host;
            if (host.Contains(".table.", StringComparison.OrdinalIgnoreCase))
            {
                table = service;
            }
            else if (host.Contains(".blob.", StringComparison.OrdinalIgnoreCase))
            {
                blob = service;
            }
            else if (host.Contains(".queue.", StringComparison.OrdinalIgnoreCase))
            {
                queue = service;
            }
            else
            {
                throw new FormatException($"Setting '{name}__serviceUri' = '{service}' does not say which service it is; use {name}__tableServiceUri, __blobServiceUri or __queueServiceUri.");
            }
        }

        table = Endpoint(section, name, "tableServiceUri") ?? table;
        blob = Endpoint(section, name, "blobServiceUri") ?? blob;
        queue = Endpoint(section, name, "queueServiceUri") ?? queue;
        if (table is null && blob is null && queue is null)
        {
            throw new FormatException(
                $"No storage connection named '{name}': set '{name}' to a connection string, or '{name}__tableServiceUri', '{name}__blobServiceUri', '{name}__queueServiceUri' (or '{name}__accountName') for an identity-based connection.");
        }

        TokenCredential credential;
        try
        {
            credential = factory.CreateTokenCredential(section);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Settings '{name}__credential' / '{name}__clientId' …: {e.Message}", e);
        }

        return new AzureConnection(name, factory, section, null, table, blob, queue, credential);
    }

    /// <summary>The Table service client of this connection.</summary>
    /// <exception cref="InvalidOperationException">The settings name no Table endpoint.</exception>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    public TableServiceClient CreateTableServiceClient()
    {
        var options = Options<TableClientOptions>();
        return _connectionString is { } text
            ? FromConnectionString(() => new TableServiceClient(text, options))
            : new TableServiceClient(_table ?? throw Missing("table"), _credential, options);
    }

    /// <summary>The Blob service client of this connection.</summary>
    /// <exception cref="InvalidOperationException">The settings name no Blob endpoint.</exception>
    public BlobServiceClient CreateBlobServiceClient()
    {
        var options = Options<BlobClientOptions>();
        return _connectionString is { } text
            ? FromConnectionString(() => new BlobServiceClient(text, options))
            : new BlobServiceClient(_blob ?? throw Missing("blob"), _credential, options);
    }

    /// <summary>The Queue service client of this connection (message bodies as they are; no encoding).</summary>
    /// <exception cref="InvalidOperationException">The settings name no Queue endpoint.</exception>
    public QueueServiceClient CreateQueueServiceClient()
    {
        var options = Options<QueueClientOptions>();
        return _connectionString is { } text
            ? FromConnectionString(() => new QueueServiceClient(text, options))
            : new QueueServiceClient(_queue ?? throw Missing("queue"), _credential, options);
    }

    private TClient FromConnectionString<TClient>(Func<TClient> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // The SDK's message names the part it could not read; the text itself may hold a key and is not repeated.
            throw new FormatException($"Storage connection '{Name}' is not a storage connection string: {e.Message}", e);
        }
    }

    private static Uri? Endpoint(IConfiguration section, string name, string setting)
    {
        if (section[setting] is not { Length: > 0 } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException($"Setting '{name}__{setting}' = '{text}' is not an absolute http(s) URI.");
        }

        return uri;
    }

    private TOptions Options<TOptions>() => (TOptions)_factory.CreateClientOptions(typeof(TOptions), null, _section);

    private InvalidOperationException Missing(string service) =>
        new($"Storage connection '{Name}' names no {service} endpoint; set '{Name}__{service}ServiceUri' or use a connection string.");
}
