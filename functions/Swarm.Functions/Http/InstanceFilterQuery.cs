using System.Globalization;
using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Functions.Http;

/// <summary>
/// The filter parameters of the instance list and purge endpoints, as the Durable HTTP API names them:
/// <c>runtimeStatus</c> (comma-separated, may repeat), <c>createdTimeFrom</c>, <c>createdTimeTo</c> (ISO 8601).
/// </summary>
/// <remarks>The extension ignores values it cannot parse; here they are a 400 naming the parameter, so a typo never widens a purge.</remarks>
public static class InstanceFilterQuery
{
    /// <summary>The statuses named by <c>runtimeStatus</c> (null when absent); a problem per unknown name.</summary>
    public static IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses(HttpRequest request, List<SpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var names = request.Query["runtimeStatus"]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (names.Count == 0)
        {
            return null;
        }

        var statuses = new HashSet<OrchestrationRuntimeStatus>();
        foreach (var name in names)
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) && Enum.IsDefined(status) && name.All(char.IsAsciiLetter))
            {
                statuses.Add(status);
            }
            else
            {
                errors.Add(new SpecError("query.runtimeStatus", $"'{name}' is not a runtime status: one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}."));
            }
        }

        return statuses;
    }

    /// <summary>The time in query parameter <paramref name="name"/> as UTC (null when absent); a problem when it is not a date and time.</summary>
    public static DateTimeOffset? Time(HttpRequest request, string name, List<SpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count == 1 && DateTime.TryParse(values[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        }

        errors.Add(new SpecError($"query.{name}", "One ISO 8601 date and time, e.g. 2025-01-31T00:00:00Z."));
        return null;
    }
}
