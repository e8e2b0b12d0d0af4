using Swarm.Durable.Sqlite;

namespace Swarm.Durable.Tests.Sqlite;

public sealed class SqliteWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "swarm-durable-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteConnectionPool _pool;
    private readonly SqliteWriter _writer;

    public SqliteWriterTests()
    {
        Directory.CreateDirectory(_folder);
        _pool = new SqliteConnectionPool(new SqliteBackendOptions(Path.Combine(_folder, "w.db")));
        _writer = new SqliteWriter(_pool);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _pool.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }

    [Fact]
    public async Task WriteAsync_OperationFailsAfterWriting_RollsItBackAndCommitsTheRestOfItsBatch()
    {
        await _writer.WriteAsync(scope => scope.Execute("CREATE TABLE t(v TEXT)"));
        using var holding = new ManualResetEventSlim();
        using var queued = new ManualResetEventSlim();

        // The first write holds the writer until the next two are queued, so those two share one batch.
        var first = Task.Run(() => _writer.WriteAsync(scope =>
        {
            scope.Execute("INSERT INTO t VALUES('first')");
            holding.Set();
            queued.Wait();
        }));
        holding.Wait();
        var partial = _writer.WriteAsync(scope =>
        {
            scope.Execute("INSERT INTO t VALUES('partial')");
            throw new InvalidDataException("broke after writing");
        });
        var innocent = _writer.WriteAsync(scope => scope.Execute("INSERT INTO t VALUES('innocent')"));
        queued.Set();

        await first;
        await Assert.ThrowsAsync<InvalidDataException>(() => partial);
        await innocent;
        var rows = await _writer.WriteAsync(scope =>
        {
            using var reader = scope.Command("SELECT v FROM t ORDER BY v").ExecuteReader();
            var values = new List<string>();
            while (reader.Read())
            {
                values.Add(reader.GetString(0));
            }

            return values;
        });
        Assert.Equal(["first", "innocent"], rows);
    }

    [Fact]
    public async Task WriteAsync_ManyConcurrentWriters_EveryWriteCommittedOnce()
    {
        await _writer.WriteAsync(scope => scope.Execute("CREATE TABLE n(v INTEGER PRIMARY KEY)"));

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => _writer.WriteAsync(scope => scope.Execute("INSERT INTO n VALUES($v)", ("$v", i))))));

        var count = await _writer.WriteAsync(scope => (long)scope.Command("SELECT count(*) FROM n").ExecuteScalar()!);
        Assert.Equal(500L, count);
    }
}
