using Swarm.Functions.Hosting;
using Swarm.Functions.Intake;
using Swarm.Functions.Telemetry;
using Swarm.Functions.Timers;

namespace Swarm.Functions.Commands;

/// <summary>The app settings <c>host</c>, <c>swarm serve</c> and <c>swarm host</c> check before they start anything.</summary>
/// <remarks>
/// Every bad one is reported by name instead of letting the first stop the app half-started — or, for a timer, fail
/// every invocation night after night.
/// </remarks>
public static class StartupSettings
{
    /// <summary>Adds every problem with <paramref name="settings"/> to <paramref name="problems"/>; returns the request limits they set.</summary>
    public static RequestLimits Check(IConfiguration settings, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(problems);
        var limits = RequestLimits.Read(settings, problems);
        TimerSettings.Check(settings, problems);
        SwarmTelemetry.Check(settings, problems);
        try
        {
            IntakeOptions.FromConfiguration(settings);
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
        }

        return limits;
    }
}
