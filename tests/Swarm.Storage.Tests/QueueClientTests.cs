using Azure;
using Swarm.Storage.Queues;
using Swarm.Testing;

namespace Swarm.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class QueueClientTests(AzuriteFixture azurite)
{
    private async Task<QueueClient> NewQueueAsync(QueueMessageEncoding encoding = QueueMessageEncoding.None)
    {
        var queue = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = encoding }).GetQueueClient(Names.Queue());
        await queue.CreateAsync();
        return queue;
    }

    [Fact]
    public async Task SendReceiveDelete_OneMessage_IsDeliveredOnceAndGone()
    {
        var queue = await NewQueueAsync();

        var sent = (await queue.SendMessageAsync("hello <&> world")).Value;
        var received = Assert.Single((await queue.ReceiveMessagesAsync(maxMessages: 5, visibilityTimeout: TimeSpan.FromSeconds(30))).Value);
        var hidden = (await queue.ReceiveMessageAsync()).Value;
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal("hello <&> world", received.Body.ToString());
        Assert.Equal(1, received.DequeueCount);
        Assert.True(received.NextVisibleOn > received.InsertedOn);
        Assert.Null(hidden);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Receive_MadeVisibleAgain_RedeliversWithHigherDequeueCount()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("retry me");

        var first = (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value!;
        await queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        var second = (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value!;
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal(400, stale.Status);
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
    }

    [Fact]
    public async Task Send_WithVisibilityDelay_IsNotReceivableYetButCounted()
    {
        var queue = await NewQueueAsync();

        var receipt = (await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromMinutes(5), timeToLive: TimeSpan.FromHours(1))).Value;

        Assert.Null((await queue.ReceiveMessageAsync()).Value);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.True(receipt.NextVisibleOn >= receipt.InsertedOn.AddMinutes(4));
        Assert.True(receipt.ExpiresOn <= receipt.InsertedOn.AddHours(1).AddSeconds(1));
    }

    [Fact]
    public async Task Send_InfiniteTimeToLive_NeverExpires()
    {
        var queue = await NewQueueAsync();

        var receipt = (await queue.SendMessageAsync("forever", timeToLive: Timeout.InfiniteTimeSpan)).Value;

        Assert.True(receipt.ExpiresOn > receipt.InsertedOn.AddYears(100));
    }

    [Fact]
    public async Task Peek_VisibleMessages_LeavesThemOnTheQueue()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");

        var peeked = (await queue.PeekMessagesAsync(maxMessages: 32)).Value;
        var received = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;

        Assert.Equal(["a", "b"], peeked.Select(m => m.Body.ToString()));
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(2, received.Length);
    }

    [Fact]
    public async Task Update_NewBodyAndVisibility_ChangesMessageAndReceipt()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("v1");
        var received = (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value!;

        var update = (await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, BinaryData.FromString("v2"), TimeSpan.Zero)).Value;
        var again = (await queue.ReceiveMessageAsync()).Value!;
        var staleUpdate = await Assert.ThrowsAsync<RequestFailedException>(() => queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, null, TimeSpan.Zero));

        Assert.NotEqual(received.PopReceipt, update.PopReceipt);
        Assert.Equal("v2", again.Body.ToString());
        Assert.Equal(2, again.DequeueCount);
        Assert.Equal(400, staleUpdate.Status);
        Assert.Equal("PopReceiptMismatch", staleUpdate.ErrorCode);
    }

    [Fact]
    public async Task Base64Encoding_BinaryBody_IsStoredAsBase64AsFunctionsExpects()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.Base64);
        var raw = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(queue.Name);
        byte[] body = [0, 1, 2, 250, 251, 252];

        await queue.SendMessageAsync(new BinaryData(body));
        var seenRaw = Assert.Single((await raw.PeekMessagesAsync()).Value);
        var received = (await queue.ReceiveMessageAsync()).Value!;

        Assert.Equal(Convert.ToBase64String(body), seenRaw.MessageText);
        Assert.Equal(body, received.Body.ToArray());
    }

    [Fact]
    public async Task Base64Encoding_PlainTextOnQueue_BodyFailsClearlyButMessageCanBeDeleted()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.Base64);
        var raw = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(queue.Name);
        await raw.SendMessageAsync("not base64 !");

        var received = (await queue.ReceiveMessageAsync()).Value!;
        var error = Assert.Throws<FormatException>(() => received.Body);
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Contains(received.MessageId, error.Message, StringComparison.Ordinal);
        Assert.Equal("not base64 !", received.MessageText);
    }

    [Fact]
    public async Task Send_TooLarge_ThrowsBeforeSending()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.Base64);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new BinaryData(new byte[50_000])));

        Assert.Contains("at most 65536", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ControlCharacterWithoutEncoding_AsksForBase64()
    {
        var queue = await NewQueueAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync("bell\u0007"));

        Assert.Contains("Base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MissingQueue_Fails404QueueNotFound()
    {
        var queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(Names.Queue());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
        Assert.False(await queue.ExistsAsync());
    }

    [Fact]
    public async Task Queue_CreateListClearDelete_ManagesQueue()
    {
        var service = new QueueServiceClient(azurite.ConnectionString);
        var queue = service.GetQueueClient(Names.Queue("svc"));

        await queue.CreateAsync(new Dictionary<string, string> { ["owner"] = "swarm" });
        await queue.CreateIfNotExistsAsync(new Dictionary<string, string> { ["owner"] = "swarm" });
        await queue.SendMessageAsync("x");
        await queue.ClearMessagesAsync();
        var names = new List<string>();
        await foreach (var item in service.GetQueuesAsync(queue.Name))
        {
            names.Add(item.Name);
        }

        var properties = (await queue.GetPropertiesAsync()).Value;
        await queue.DeleteAsync();

        Assert.Equal([queue.Name], names);
        Assert.Equal("swarm", properties.Metadata["owner"]);
        Assert.Equal(0, properties.ApproximateMessagesCount);
        Assert.False(await queue.DeleteIfExistsAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task Receive_CountOutOfRange_ThrowsBeforeSending(int count)
    {
        var queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient("unused");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(count));
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("ab")]
    [InlineData("a--b")]
    public void GetQueueClient_InvalidName_ThrowsArgumentException(string name)
    {
        var service = new QueueServiceClient(azurite.ConnectionString);

        var error = Assert.Throws<ArgumentException>(() => service.GetQueueClient(name));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_ZeroVisibilityTimeout_ThrowsBeforeSending()
    {
        var queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient("unused");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(1, TimeSpan.Zero));

        Assert.Contains("1 second", error.Message, StringComparison.Ordinal);
    }
}
