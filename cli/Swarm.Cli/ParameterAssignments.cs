using System.Globalization;

namespace Swarm.Cli;

/// <summary>Parses <c>name=value</c> pairs from the command line into the loosely typed values the model catalog validates.</summary>
/// <remarks>
/// Values are typed the way a JSON request would carry them (integer, real, boolean, text), so the
/// catalog's validation — which reports every bad parameter by name — is the single judge of
/// whether a value fits; this parser only rejects what is not a <c>name=value</c> pair at all.
/// </remarks>
public static class ParameterAssignments
{
    /// <summary>Parses <paramref name="assignments"/>; <paramref name="errors"/> lists every malformed one.</summary>
    public static Dictionary<string, object?> Parse(IEnumerable<string> assignments, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var assignment in assignments)
        {
            var separator = assignment.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                problems.Add($"'{assignment}' is not of the form name=value.");
                continue;
            }

            var name = assignment[..separator].Trim();
            if (!values.TryAdd(name, Typed(assignment[(separator + 1)..].Trim())))
            {
                problems.Add($"'{name}' is given more than once.");
            }
        }

        errors = problems;
        return values;
    }

    private static object Typed(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }

        return text;
    }
}
