using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Sqlite;

/// <summary>One write operation's view of the writer's open transaction.</summary>
internal sealed class WriteScope(SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, SqliteCommand> statements)
{
    /// <summary>A prepared (cached) statement bound to the current transaction, with the given parameters.</summary>
    public CachedCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!statements.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            statements[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return new CachedCommand(command);
    }

    /// <summary>Runs a prepared statement; returns the number of changed rows.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteNonQuery();

    /// <summary>A one-off command (dynamic SQL) in the current transaction; the caller disposes it.</summary>
    public SqliteCommand CreateCommand()
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }
}
