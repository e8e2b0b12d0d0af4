using Microsoft.Data.Sqlite;
using Swarm.Durable.Backend;
using Swarm.Durable.Conformance;
using Swarm.Durable.Sqlite;

namespace Swarm.Durable.Tests.Sqlite;

/// <summary>The backend conformance suite on the embedded SQLite backend, one database file per test.</summary>
public sealed class SqliteBackendConformanceTests : BackendConformanceTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "swarm-durable-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "taskhub.db");

    protected override Task<IDurableBackend> CreateBackendAsync() => Task.FromResult<IDurableBackend>(new SqliteDurableBackend(DatabasePath));

    protected override Task<IDurableBackend> OpenSameStoreAsync() => Task.FromResult<IDurableBackend>(new SqliteDurableBackend(DatabasePath));

    protected override Task CorruptHistoryAsync(string instanceId)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE history SET event = '{\"$type\":\"no-such-event\"' WHERE instance_id = $id AND seq = 1";
        command.Parameters.AddWithValue("$id", instanceId);
        Assert.Equal(1, command.ExecuteNonQuery());
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing may hold the file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
