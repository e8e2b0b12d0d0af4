using System.Globalization;

namespace Swarm.Orchestrations.Backup;

/// <summary>The orchestration instance id of the backup of one day.</summary>
/// <remarks>One id per UTC day makes a repeated trigger (a timer firing twice, a retried start) land on the same instance instead of a second backup.</remarks>
public static class BackupInstanceId
{
    /// <summary>The prefix of every backup instance id.</summary>
    public const string Prefix = "backup-";

    /// <summary><c>backup-yyyyMMdd</c> for the UTC day of <paramref name="utcDate"/>.</summary>
    public static string For(DateTime utcDate)
    {
        if (utcDate.Kind == DateTimeKind.Local)
        {
            utcDate = utcDate.ToUniversalTime();
        }

        return Prefix + utcDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    }
}
