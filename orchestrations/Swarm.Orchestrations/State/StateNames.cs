using System.Text.RegularExpressions;

namespace Swarm.Orchestrations.State;

/// <summary>
/// The naming rules both stores enforce, taken from Azure's (the stricter side), so a name that works
/// on one machine also works in Azure.
/// </summary>
public static partial class StateNames
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="table"/> is a valid Azure table name.</summary>
    public static void CheckTable(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!TableName().IsMatch(table))
        {
            throw new ArgumentException($"'{table}' is not a valid table name: 3-63 letters or digits, starting with a letter.", nameof(table));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="container"/> is a valid Azure container name.</summary>
    public static void CheckContainer(string container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (!ContainerName().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{container}' is not a valid container name: 3-63 lowercase letters, digits or single hyphens.", nameof(container));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a blob name safe on every store.</summary>
    public static void CheckBlob(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 1024 || name.StartsWith('/') || name.EndsWith('/') || name.Contains("//", StringComparison.Ordinal)
            || name.Split('/').Any(segment => segment is "." or "..") || name.Any(c => char.IsControl(c) || c == '\\'))
        {
            throw new ArgumentException($"'{name}' is not a valid blob name: 1-1024 characters, '/'-separated segments, no '.', '..', '\\' or control characters.", nameof(name));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="key"/> is a valid partition or row key.</summary>
    public static void CheckKey(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length > 1024 || key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{key}' is not a valid key: at most 1024 characters, none of / \\ # ? or control characters.", parameterName);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex ContainerName();
}
