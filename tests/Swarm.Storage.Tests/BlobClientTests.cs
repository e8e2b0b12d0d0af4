using System.Security.Cryptography;
using Azure;
using Swarm.Storage.Blobs;
using Swarm.Testing;

namespace Swarm.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobClientTests(AzuriteFixture azurite)
{
    private async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(Names.Container());
        await container.CreateAsync();
        return container;
    }

    [Fact]
    public async Task Upload_SmallContent_DownloadsSameBytesWithPropertiesAndMetadata()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("dir/a b.json");

        var info = await blob.UploadAsync(new MemoryStream("{\"x\":1}"u8.ToArray()), new BlobUploadOptions
        {
            ContentType = "application/json",
            Metadata = new Dictionary<string, string> { ["run"] = "r1" },
        });
        var download = await blob.DownloadContentAsync();
        var properties = (await blob.GetPropertiesAsync()).Value;

        Assert.Equal("{\"x\":1}", download.Value.Content.ToString());
        Assert.Equal(info.Value.ETag, download.Value.Details.ETag);
        Assert.Equal("application/json", properties.ContentType);
        Assert.Equal(7, properties.ContentLength);
        Assert.Equal("r1", properties.Metadata["run"]);
        Assert.Equal("unlocked", properties.LeaseStatus);
    }

    [Fact]
    public async Task Upload_LargerThanThreshold_StagesBlocksAndStreamsBack()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("large.bin");
        var data = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 123);

        var options = new BlobUploadOptions { SingleUploadThreshold = 1024 * 1024, BlockSize = 1024 * 1024, MaximumConcurrency = 3 };
        await blob.UploadAsync(new NonSeekableStream(data), options);
        await using (var download = (await blob.DownloadStreamingAsync()).Value)
        {
            var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy);
            Assert.Equal(data, copy.ToArray());
            Assert.Equal(data.Length, download.Details.ContentLength);
        }

        Assert.Equal(data.Length, Assert.Single(await ListAsync(container, null, BlobStates.None)).Properties.ContentLength);
    }

    [Fact]
    public async Task StageAndCommit_ExplicitBlocks_CommitInListedOrder()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("blocks");
        var first = Convert.ToBase64String("block-1"u8);
        var second = Convert.ToBase64String("block-2"u8);

        await blob.StageBlockAsync(second, "world"u8.ToArray());
        await blob.StageBlockAsync(first, "hello "u8.ToArray());
        await blob.CommitBlockListAsync([first, second]);

        Assert.Equal("hello world", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Download_Range_ReadsOnlyThoseBytes()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("range");
        await blob.UploadAsync(BinaryData.FromString("0123456789"));

        await using var download = (await blob.DownloadStreamingAsync(range: new HttpRange(3, 4))).Value;
        var text = await new StreamReader(download.Content).ReadToEndAsync();

        Assert.Equal("3456", text);
        Assert.Equal(10, download.Details.ContentLength);
    }

    [Fact]
    public async Task Upload_NoOverwrite_Fails409WhenBlobExists()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("once");
        await blob.UploadAsync(BinaryData.FromString("first"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("second")));
        await blob.UploadAsync(BinaryData.FromString("third"), overwrite: true);

        Assert.Equal(409, error.Status);
        Assert.Equal("BlobAlreadyExists", error.ErrorCode);
        Assert.Equal("third", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Upload_StaleIfMatch_Fails412ConditionNotMet()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("etag");
        var first = (await blob.UploadAsync(BinaryData.FromString("v1"))).Value.ETag;
        await blob.UploadAsync(new MemoryStream("v2"u8.ToArray()), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first } });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            blob.UploadAsync(new MemoryStream("v3"u8.ToArray()), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first } }));

        Assert.Equal(412, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.Equal("v2", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Download_IfNoneMatchCurrentETag_Fails304()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("cached");
        var etag = (await blob.UploadAsync(BinaryData.FromString("v1"))).Value.ETag;

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DownloadContentAsync(new BlobRequestConditions { IfNoneMatch = etag }));
        var streamed = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DownloadStreamingAsync(new BlobRequestConditions { IfNoneMatch = etag }));

        Assert.Equal(304, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.Equal(304, streamed.Status);
    }

    [Fact]
    public async Task SetMetadata_ReplacesMetadata()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("meta");
        await blob.UploadAsync(new MemoryStream([1]), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["a"] = "1" } });

        await blob.SetMetadataAsync(new Dictionary<string, string> { ["b"] = "2" });
        var metadata = (await blob.GetPropertiesAsync()).Value.Metadata;

        Assert.False(metadata.ContainsKey("a"));
        Assert.Equal("2", metadata["b"]);
    }

    [Fact]
    public async Task GetBlobs_PrefixAndPaging_ListsInNameOrderAcrossPages()
    {
        var container = await NewContainerAsync();
        var etags = new List<ETag>();
        for (var i = 0; i < 7; i++)
        {
            etags.Add((await container.GetBlobClient($"runs/{i}").UploadAsync(BinaryData.FromString("x"))).Value.ETag);
        }

        await container.GetBlobClient("other").UploadAsync(BinaryData.FromString("x"));

        var pages = new List<Page<BlobItem>>();
        await foreach (var page in container.GetBlobsAsync("runs/").AsPages(pageSizeHint: 3))
        {
            pages.Add(page);
        }

        Assert.Equal(3, pages.Count);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"runs/{i}"), pages.SelectMany(p => p.Values).Select(b => b.Name));
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.Equal(etags, pages.SelectMany(p => p.Values).Select(b => b.Properties.ETag));
    }

    [Fact]
    public async Task Delete_WithSnapshots_RequiresIncludeSnapshots()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("snap");
        await blob.UploadAsync(BinaryData.FromString("v1"));
        var snapshot = (await blob.CreateSnapshotAsync()).Value;
        await blob.UploadAsync(BinaryData.FromString("v2"), overwrite: true);

        var fromSnapshot = (await blob.WithSnapshot(snapshot).DownloadContentAsync()).Value.Content.ToString();
        var listed = await ListAsync(container, null, BlobStates.Snapshots);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DeleteAsync());
        await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots);

        Assert.Equal("v1", fromSnapshot);
        Assert.Equal(2, listed.Count);
        Assert.Equal(409, refused.Status);
        Assert.Equal("SnapshotsPresent", refused.ErrorCode);
        Assert.Empty(await ListAsync(container, null, BlobStates.Snapshots));
        Assert.False(await blob.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task GetProperties_MissingBlob_Fails404BlobNotFound()
    {
        var container = await NewContainerAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("none").GetPropertiesAsync());

        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
        Assert.False(await container.GetBlobClient("none").ExistsAsync());
    }

    [Fact]
    public async Task Upload_MissingContainer_Fails404ContainerNotFound()
    {
        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(Names.Container()).GetBlobClient("x");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("x")));

        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Container_CreateTwiceExistsDelete_BehavesAsTheService()
    {
        var service = new BlobServiceClient(azurite.ConnectionString);
        var container = service.GetBlobContainerClient(Names.Container("svc"));

        await container.CreateAsync();
        var duplicate = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateAsync());
        var createdAgain = await container.CreateIfNotExistsAsync();
        var names = new List<string>();
        await foreach (var item in service.GetBlobContainersAsync(container.Name))
        {
            names.Add(item.Name);
        }

        var existed = await container.ExistsAsync();
        await container.DeleteAsync();

        Assert.Equal(409, duplicate.Status);
        Assert.Equal("ContainerAlreadyExists", duplicate.ErrorCode);
        Assert.False(createdAgain);
        Assert.Equal([container.Name], names);
        Assert.True(existed);
        Assert.False(await container.ExistsAsync());
        Assert.False(await container.DeleteIfExistsAsync());
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("a")]
    [InlineData("double--dash")]
    [InlineData("-start")]
    public void GetBlobContainerClient_InvalidName_ThrowsArgumentException(string name)
    {
        var service = new BlobServiceClient(azurite.ConnectionString);

        var error = Assert.Throws<ArgumentException>(() => service.GetBlobContainerClient(name));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_InvalidMetadataName_ThrowsBeforeSending()
    {
        var container = await NewContainerAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => container.GetBlobClient("x")
            .UploadAsync(new MemoryStream([1]), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["bad-name"] = "v" } }));

        Assert.Contains("bad-name", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<BlobItem>> ListAsync(BlobContainerClient container, string? prefix, BlobStates states)
    {
        var items = new List<BlobItem>();
        await foreach (var item in container.GetBlobsAsync(prefix, states))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>A stream that cannot seek or report its length, like a network body.</summary>
    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 10_000));

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
