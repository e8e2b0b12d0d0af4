using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Embedded;

/// <summary>Tells faults of the machine (disk full, I/O error, file busy) from faults of the job.</summary>
/// <remarks>
/// A fault of the machine says nothing about the work item: it is retried with back-off for as long as the fault lasts
/// and never counts towards poison.
/// </remarks>
public static class EnvironmentFault
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteNoMemory = 7;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteProtocol = 15;

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) is a fault of the machine rather than of the work.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when IsEnvironmentCode(sqlite.SqliteErrorCode):
                case IOException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
            }
        }

        return false;
    }

    private static bool IsEnvironmentCode(int code) => (code & 0xFF) is SqliteBusy or SqliteLocked or SqliteNoMemory or SqliteReadOnly
        or SqliteIoError or SqliteFull or SqliteCantOpen or SqliteProtocol;
}
