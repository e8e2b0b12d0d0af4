using System.Buffers.Binary;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Tests.Checkpoints;

public sealed class CheckpointFormatTests
{
    private static byte[] Checkpoint()
    {
        var model = ModelCatalog.Default.CreatePreset("schelling", "small", 1);
        model.Run(2);
        return model.SaveCheckpoint();
    }

    /// <summary>Rewrites the payload hash so a deliberate edit reaches the payload parser.</summary>
    private static void Rehash(byte[] bytes) =>
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(14), StateHash.Compute(bytes.AsSpan(22)));

    [Fact]
    public void Restore_NotACheckpoint_FailsWithBadMagic()
    {
        var error = Assert.Throws<CheckpointFormatException>(() => ModelCatalog.Default.Restore("hello world, not a checkpoint"u8.ToArray()));
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_UnknownFormatVersion_FailsNamingVersion()
    {
        var bytes = Checkpoint();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 99);
        var error = Assert.Throws<CheckpointFormatException>(() => ModelCatalog.Default.Restore(bytes));
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_FlippedPayloadByte_FailsAsCorrupt()
    {
        var bytes = Checkpoint();
        bytes[^10] ^= 0x40;
        var error = Assert.Throws<CheckpointFormatException>(() => ModelCatalog.Default.Restore(bytes));
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(100)]
    public void Restore_Truncated_FailsAsTruncated(int keep)
    {
        var bytes = Checkpoint()[..keep];
        var error = Assert.Throws<CheckpointFormatException>(() => ModelCatalog.Default.Restore(bytes));
        Assert.True(error.Message.Contains("truncated", StringComparison.Ordinal) || error.Message.Contains("magic", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Restore_UnknownModelName_FailsNamingModel()
    {
        var bytes = Checkpoint();
        // The payload starts with the model name: length 9, "schelling". Same length keeps the rest aligned.
        "zzzzzzzzz"u8.CopyTo(bytes.AsSpan(22 + 4));
        Rehash(bytes);
        var error = Assert.Throws<CheckpointFormatException>(() => ModelCatalog.Default.Restore(bytes));
        Assert.Contains("zzzzzzzzz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_StateVersionMismatch_FailsNamingVersions()
    {
        var bytes = Checkpoint();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22 + 4 + 9), 42);
        Rehash(bytes);
        var error = Assert.Throws<CheckpointFormatException>(() => ModelCatalog.Default.Restore(bytes));
        Assert.Contains("version 42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_TrailingGarbageInsidePayload_Fails()
    {
        var original = Checkpoint();
        var bytes = new byte[original.Length + 3];
        original.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), original.Length - 22 + 3);
        Rehash(bytes);
        Assert.Throws<CheckpointFormatException>(() => ModelCatalog.Default.Restore(bytes));
    }

    [Fact]
    public void Restore_ValidCheckpoint_KeepsNameParametersSeedAndStep()
    {
        var model = ModelCatalog.Default.Create("flocking", new Dictionary<string, object?> { ["birds"] = 50L }, seed: 77, runKey: 3);
        model.Run(5);
        var restored = ModelCatalog.Default.Restore(model.SaveCheckpoint());
        Assert.Equal("flocking", restored.Name);
        Assert.Equal(77UL, restored.Seed);
        Assert.Equal(3UL, restored.RunKey);
        Assert.Equal(5, restored.StepCount);
        Assert.Equal(50L, restored.Parameters["birds"]);
    }
}
