using Azure;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace Swarm.Functions.Hosting;

/// <summary>Tells a store that cannot take a write now (disk full, I/O error, busy, throttled) from a bug, so callers get 503 and a time to retry.</summary>
public static class StoreFaults
{
    /// <summary>Seconds a client is asked to wait (<c>Retry-After</c>) before trying again.</summary>
    public const int RetryAfterSeconds = 30;

    // SQLite's primary result codes for busy, locked, out of memory, read-only, I/O error, full and cannot open.
    private static readonly int[] SqliteCodes = [5, 6, 7, 8, 10, 13, 14];

    /// <summary>Whether <paramref name="exception"/>, or one it wraps, says the store is unavailable rather than the request wrong.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RpcException { StatusCode: StatusCode.Unavailable or StatusCode.ResourceExhausted }:
                case SqliteException sqlite when SqliteCodes.Contains(sqlite.SqliteErrorCode & 0xFF):
                case RequestFailedException { Status: 503 or 507 or 500 }:
                case IOException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsUnavailable):
                    return true;
            }
        }

        return false;
    }
}
