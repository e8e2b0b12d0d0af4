using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Embedded;

/// <summary>
/// The start-up check of a task hub file: is it there, is it a task hub, is it sound and writable. Run it before opening a
/// <see cref="SqliteOrchestrationService"/> so a damaged file is reported plainly instead of failing deep inside a dispatcher,
/// and so a caller can refuse to create a new, empty task hub beside state the user expected to find.
/// </summary>
public static class TaskHubFile
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>Checks <paramref name="filePath"/> without changing it.</summary>
    /// <returns><see cref="TaskHubFileState.Missing"/> or <see cref="TaskHubFileState.Empty"/> when there is no task hub yet, else <see cref="TaskHubFileState.Ready"/>.</returns>
    /// <exception cref="TaskHubFileException">The file is corrupt, read-only or cannot be opened.</exception>
    public static TaskHubFileState Check(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        var path = Path.GetFullPath(filePath);
        if (Directory.Exists(path))
        {
            throw Unopenable(path, "it is a folder");
        }

        if (!File.Exists(path))
        {
            return TaskHubFileState.Missing;
        }

        CheckHeaderAndWritable(path, out var length);
        if (length == 0)
        {
            return TaskHubFileState.Empty;
        }

        using var connection = new SqliteConnection(TaskHubSchema.ConnectionString(path, SqliteOpenMode.ReadWrite));
        try
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            var verdict = check.ExecuteScalar() as string;
            if (!string.Equals(verdict, "ok", StringComparison.Ordinal))
            {
                throw Corrupt(path, $"integrity check: {FirstLine(verdict)}");
            }

            check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'instances'";
            return (long)check.ExecuteScalar()! == 0 ? TaskHubFileState.Empty : TaskHubFileState.Ready;
        }
        catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is 11 or 26)
        {
            throw Corrupt(path, FirstLine(e.Message), e);
        }
        catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is 8)
        {
            throw ReadOnly(path, e);
        }
        catch (SqliteException e)
        {
            throw Unopenable(path, FirstLine(e.Message), e);
        }
        finally
        {
            // The check leaves no pooled connection holding the file open.
            connection.Close();
            SqliteConnection.ClearPool(connection);
        }
    }

    /// <summary>Checks the options' file and opens a service over it; refuses a missing or empty one unless <paramref name="createIfMissing"/>.</summary>
    /// <exception cref="TaskHubFileException">The file is corrupt, read-only or cannot be opened, or holds no task hub and creating one was not asked for.</exception>
    public static async Task<SqliteOrchestrationService> OpenAsync(SqliteOrchestrationServiceOptions options, bool createIfMissing)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = Check(options.FilePath);
        if (state != TaskHubFileState.Ready && !createIfMissing)
        {
            var path = Path.GetFullPath(options.FilePath);
            throw new TaskHubFileException(path, TaskHubFileProblem.Unopenable,
                $"Task hub file '{path}' is {(state == TaskHubFileState.Missing ? "missing" : "empty")}; point to the existing task hub, or ask for a new one explicitly.");
        }

        var service = new SqliteOrchestrationService(options);
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        return service;
    }

    private static void CheckHeaderAndWritable(string path, out long length)
    {
        try
        {
            // Opening for writing is what finds a read-only file or file system before SQLite does.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            length = stream.Length;
            if (length == 0)
            {
                return;
            }

            var header = new byte[100];
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (read < header.Length)
            {
                throw Corrupt(path, $"only {read} bytes, shorter than a SQLite header");
            }

            if (!header.AsSpan(0, SqliteHeader.Length).SequenceEqual(SqliteHeader))
            {
                throw Corrupt(path, "not a SQLite file");
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw ReadOnly(path, e);
        }
        catch (IOException e) when (e.HResult == 30 || e.Message.Contains("Read-only", StringComparison.OrdinalIgnoreCase))
        {
            throw ReadOnly(path, e);
        }
        catch (IOException e)
        {
            throw Unopenable(path, FirstLine(e.Message), e);
        }

        var folder = Path.GetDirectoryName(path)!;
        var probe = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.probe");
        try
        {
            // SQLite writes its -wal and -shm files beside the database: the folder must take new files too.
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw ReadOnly(path, e);
        }
    }

    private static string FirstLine(string? text)
    {
        var line = (text ?? "unknown").Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] : line;
    }

    private static TaskHubFileException Corrupt(string path, string detail, Exception? inner = null) => new(path, TaskHubFileProblem.Corrupt,
        $"Task hub file '{path}' is corrupt ({detail}); restore it from a backup, or move it aside to start an empty task hub.", inner);

    private static TaskHubFileException ReadOnly(string path, Exception? inner = null) => new(path, TaskHubFileProblem.ReadOnly,
        $"Task hub file '{path}' is read-only; make the file and its folder writable (SQLite writes its -wal and -shm files beside it).", inner);

    private static TaskHubFileException Unopenable(string path, string detail, Exception? inner = null) => new(path, TaskHubFileProblem.Unopenable,
        $"Task hub file '{path}' cannot be opened ({detail}); check the path and its permissions.", inner);
}
