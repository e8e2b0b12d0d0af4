using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Sqlite;

/// <summary>A prepared statement kept by the writer; disposing it does nothing, so it stays prepared for the next use.</summary>
internal readonly struct CachedCommand(SqliteCommand command) : IDisposable
{
    public SqliteParameterCollection Parameters => command.Parameters;

    public object? ExecuteScalar() => command.ExecuteScalar();

    public SqliteDataReader ExecuteReader() => command.ExecuteReader();

    public int ExecuteNonQuery() => command.ExecuteNonQuery();

    public void Dispose()
    {
    }
}
