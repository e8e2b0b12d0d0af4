using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Swarm.Orchestrations.State;

/// <summary>The state store on Azure Storage: records in Azure Tables, blobs in Azure Blob Storage, of one account.</summary>
/// <remarks>
/// Locally the same account is Azurite (<c>UseDevelopmentStorage=true</c> or its endpoints with the development key);
/// in Azure, an identity-based <see cref="AzureConnection"/> (<c>SwarmState__tableServiceUri</c>, <c>__blobServiceUri</c>,
/// <c>__credential</c>, <c>__clientId</c>), since the account allows no shared keys.
/// </remarks>
public static class AzureStateStore
{
    /// <summary>Opens the store of the account named by a storage connection string.</summary>
    /// <exception cref="FormatException">The connection string is malformed or names no Table or Blob endpoint.</exception>
    public static StateStore Open(string connectionString) => Open(AzureConnection.FromConnectionString(connectionString));

    /// <summary>Opens the store of the account <paramref name="accountName"/> in the public cloud with Microsoft Entra ID tokens.</summary>
    public static StateStore Open(string accountName, TokenCredential credential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(credential);
        if (accountName.Length is < 3 or > 24 || !accountName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException($"'{accountName}' is not a storage account name: 3-24 lowercase letters and digits.", nameof(accountName));
        }

        return new StateStore(
            new AzureRecordStore(new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential)),
            new AzureBlobStore(new BlobServiceClient(new Uri($"https://{accountName}.blob.core.windows.net"), credential)));
    }

    /// <summary>Opens the store of a connection resolved from app settings the way Azure Functions resolves one.</summary>
    /// <exception cref="FormatException">The connection names no Table or Blob endpoint, or its connection string is malformed.</exception>
    public static StateStore Open(AzureConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            return new StateStore(new AzureRecordStore(connection.CreateTableServiceClient()), new AzureBlobStore(connection.CreateBlobServiceClient()));
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
