using Swarm.Storage.Tables;
using Swarm.Testing;

namespace Swarm.Storage.Tests;

public sealed class StorageConnectionStringTests
{
    private const string Key = "a2V5";

    [Fact]
    public void Parse_UseDevelopmentStorage_GivesAzuriteDefaults()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(AzuriteFixture.AccountKey, StorageConnectionString.DevelopmentAccountKey);
    }

    [Fact]
    public void Parse_DevelopmentProxy_UsesProxyHost()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite");

        Assert.Equal(new Uri("http://azurite:10002/devstoreaccount1"), parsed.TableEndpoint);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net", "https://acct.table.core.windows.net/")]
    [InlineData("AccountName=acct;AccountKey=a2V5", "https://acct.table.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn", "http://acct.table.core.chinacloudapi.cn/")]
    [InlineData(" AccountName = acct ; AccountKey = a2V5 ; TableEndpoint = http://127.0.0.1:9/acct/ ; ", "http://127.0.0.1:9/acct")]
    public void Parse_AccountForms_DeriveOrTakeEndpoints(string connectionString, string table)
    {
        var parsed = StorageConnectionString.Parse(connectionString);

        Assert.Equal("acct", parsed.AccountName);
        Assert.Equal(new Uri(table), parsed.TableEndpoint);
        Assert.Equal("acct", parsed.Credential.Name);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("AccountName", "'AccountName' is not of the form Key=Value")]
    [InlineData("AccountName=a;AccountKey=a2V5;Bogus=1", "unknown setting 'Bogus'")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=a2V5", "sets 'AccountName' more than once")]
    [InlineData("AccountKey=a2V5", "no AccountName")]
    [InlineData("AccountName=a", "no AccountKey")]
    [InlineData("AccountName=a;AccountKey=not*base64", "AccountKey is not valid base64")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=a;AccountKey=a2V5", "must be http or https")]
    [InlineData("AccountName=a;AccountKey=a2V5;BlobEndpoint=not a uri", "BlobEndpoint 'not a uri' is not an absolute")]
    [InlineData("UseDevelopmentStorage=yes", "must be 'true'")]
    [InlineData("UseDevelopmentStorage=true;AccountName=x", "cannot also set AccountName")]
    [InlineData("AccountName=a;SharedAccessSignature=sv=1", "SharedAccessSignature")]
    [InlineData("AccountName=a;AccountKey=a2V5;EndpointSuffix=", "EndpointSuffix '' must be a DNS suffix")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingThePart(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadKey_NeverEchoesTheKey()
    {
        const string secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQ=!";

        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse($"AccountName=a;AccountKey={secret}"));

        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Malformed_ReturnsFalseWithError()
    {
        Assert.False(StorageConnectionString.TryParse("nonsense", out var parsed, out var error));
        Assert.Null(parsed);
        Assert.NotEmpty(error);
        Assert.True(StorageConnectionString.TryParse($"AccountName=a;AccountKey={Key}", out parsed, out error));
        Assert.NotNull(parsed);
    }

    [Fact]
    public void TableServiceClient_ConnectionStringWithoutTableEndpoint_ThrowsClearly()
    {
        var connection = $"AccountName=a;AccountKey={Key};BlobEndpoint=http://127.0.0.1:1/a";

        var error = Assert.Throws<ArgumentException>(() => new TableServiceClient(connection));

        Assert.Null(StorageConnectionString.Parse(connection).QueueEndpoint);
        Assert.Contains("no TableEndpoint", error.Message, StringComparison.Ordinal);
    }
}
