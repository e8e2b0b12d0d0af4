using Microsoft.Data.Sqlite;
using Swarm.Durable.Embedded;
using Swarm.Testing;

namespace Swarm.Durable.Tests.TaskHub;

/// <summary>The start-up check of a task hub file: missing, empty, sound, corrupt, read-only, unopenable.</summary>
public sealed class TaskHubFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("swarm-taskhub-file-").FullName;

    private string FilePath => Path.Combine(_folder, "taskhub.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AMissingFileIsMissing() => Assert.Equal(TaskHubFileState.Missing, TaskHubFile.Check(FilePath));

    [Fact]
    public void AZeroByteFileIsEmpty()
    {
        File.WriteAllBytes(FilePath, []);
        Assert.Equal(TaskHubFileState.Empty, TaskHubFile.Check(FilePath));
    }

    [Fact]
    public void ASqliteFileWithoutTheTablesIsEmpty()
    {
        using (var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE unrelated(x)";
            command.ExecuteNonQuery();
        }

        Assert.Equal(TaskHubFileState.Empty, TaskHubFile.Check(FilePath));
    }

    [Fact]
    public async Task ACreatedTaskHubIsReady()
    {
        await using (var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(FilePath)))
        {
            await service.CreateIfNotExistsAsync();
        }

        Assert.Equal(TaskHubFileState.Ready, TaskHubFile.Check(FilePath));
    }

    [Fact]
    public void AFileThatIsNotSqliteIsCorrupt()
    {
        File.WriteAllText(FilePath, new string('x', 4096));
        var e = Assert.Throws<TaskHubFileException>(() => TaskHubFile.Check(FilePath));
        AssertOneLineNaming(e, TaskHubFileProblem.Corrupt);
    }

    [Fact]
    public async Task DamagedPagesAreCorrupt()
    {
        await using (var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(FilePath)))
        {
            await service.CreateIfNotExistsAsync();
        }

        SqliteConnection.ClearAllPools();
        // Keep the header, scribble over the schema and table pages after it.
        using (var stream = new FileStream(FilePath, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 100;
            stream.Write(Enumerable.Repeat((byte)0xA5, (int)Math.Min(stream.Length - 100, 8192)).ToArray());
        }

        var e = Assert.Throws<TaskHubFileException>(() => TaskHubFile.Check(FilePath));
        AssertOneLineNaming(e, TaskHubFileProblem.Corrupt);
    }

    [Fact]
    public void AFolderIsUnopenable()
    {
        Directory.CreateDirectory(FilePath);
        var e = Assert.Throws<TaskHubFileException>(() => TaskHubFile.Check(FilePath));
        AssertOneLineNaming(e, TaskHubFileProblem.Unopenable);
    }

    [Fact]
    public async Task AFileOnAReadOnlyDiskIsReadOnly()
    {
        using var disk = SmallDisk.Mount(megabytes: 4);
        var path = Path.Combine(disk.Path, "taskhub.db");
        await using (var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(path)))
        {
            await service.CreateIfNotExistsAsync();
        }

        SqliteConnection.ClearAllPools();
        disk.MakeReadOnly();
        var e = Assert.Throws<TaskHubFileException>(() => TaskHubFile.Check(path));
        Assert.Equal(TaskHubFileProblem.ReadOnly, e.Problem);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRefusesAMissingTaskHubUnlessAskedToCreateOne()
    {
        var options = new SqliteOrchestrationServiceOptions(FilePath);
        var e = await Assert.ThrowsAsync<TaskHubFileException>(() => TaskHubFile.OpenAsync(options, createIfMissing: false));
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
        await using var created = await TaskHubFile.OpenAsync(options, createIfMissing: true);
        Assert.Equal(TaskHubFileState.Ready, TaskHubFile.Check(FilePath));
    }

    private void AssertOneLineNaming(TaskHubFileException e, TaskHubFileProblem problem)
    {
        Assert.Equal(problem, e.Problem);
        Assert.Contains(FilePath, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
