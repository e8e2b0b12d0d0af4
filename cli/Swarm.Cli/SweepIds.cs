using System.Security.Cryptography;
using System.Text;

namespace Swarm.Cli;

/// <summary>Sweep ids for the command line: stable for the same file, so running the same command again resumes the same sweep.</summary>
public static class SweepIds
{
    /// <summary>
    /// <c>&lt;file name&gt;-&lt;12 hex digits of the content's SHA-256&gt;</c>: the same document gets the same id,
    /// an edited one a new id (its results would differ).
    /// </summary>
    public static string ForFile(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        var stem = new string([.. Path.GetFileNameWithoutExtension(path).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..12];
        return $"{(stem.Length == 0 ? "sweep" : stem[..Math.Min(stem.Length, 40)])}-{hash}";
    }

    /// <summary>Whether <paramref name="id"/> is usable as a sweep id: 1-64 letters, digits, '-' or '_'.</summary>
    public static bool IsValid(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
