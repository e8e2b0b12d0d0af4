using Azure.Core;
using Swarm.Storage;
using Swarm.Storage.Blobs;
using Swarm.Storage.Tables;

namespace Swarm.Orchestrations.State;

/// <summary>The state store on Azure Storage: records in Azure Tables, blobs in Azure Blob Storage, of one account.</summary>
/// <remarks>
/// Locally the same account is Azurite (<c>UseDevelopmentStorage=true</c> or its endpoints); in Azure, use the
/// token-credential overloads with a managed identity, since the account allows no shared keys.
/// </remarks>
public static class AzureStateStore
{
    /// <summary>Opens the store of the account named by a storage connection string.</summary>
    /// <exception cref="FormatException">The connection string is malformed; the message says where.</exception>
    /// <exception cref="ArgumentException">The connection string names no Table or Blob endpoint.</exception>
    public static StateStore Open(string connectionString)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        if (parsed.TableEndpoint is null || parsed.BlobEndpoint is null)
        {
            throw new ArgumentException("The storage connection string must name both a Table and a Blob endpoint.", nameof(connectionString));
        }

        return new StateStore(
            new AzureRecordStore(new TableServiceClient(parsed.TableEndpoint, parsed.Credential)),
            new AzureBlobStore(new BlobServiceClient(parsed.BlobEndpoint, parsed.Credential)));
    }

    /// <summary>Opens the store at explicit service endpoints with Microsoft Entra ID tokens (e.g. a managed identity).</summary>
    /// <param name="tableServiceUri">The Table endpoint, e.g. <c>https://account.table.core.windows.net</c>.</param>
    /// <param name="blobServiceUri">The Blob endpoint, e.g. <c>https://account.blob.core.windows.net</c>.</param>
    /// <param name="credential">The token credential.</param>
    public static StateStore Open(Uri tableServiceUri, Uri blobServiceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        return new StateStore(
            new AzureRecordStore(new TableServiceClient(tableServiceUri, credential)),
            new AzureBlobStore(new BlobServiceClient(blobServiceUri, credential)));
    }

    /// <summary>Opens the store of the account <paramref name="accountName"/> in the public cloud with Microsoft Entra ID tokens.</summary>
    public static StateStore Open(string accountName, TokenCredential credential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        if (accountName.Length is < 3 or > 24 || !accountName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException($"'{accountName}' is not a storage account name: 3-24 lowercase letters and digits.", nameof(accountName));
        }

        return Open(new Uri($"https://{accountName}.table.core.windows.net"), new Uri($"https://{accountName}.blob.core.windows.net"), credential);
    }

    /// <summary>Opens the store of a connection resolved from app settings the way Azure Functions resolves one.</summary>
    /// <exception cref="InvalidOperationException">The connection names no Table or Blob endpoint.</exception>
    public static StateStore Open(StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new StateStore(new AzureRecordStore(connection.CreateTableServiceClient()), new AzureBlobStore(connection.CreateBlobServiceClient()));
    }
}
