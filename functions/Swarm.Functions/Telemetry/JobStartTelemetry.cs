using System.Diagnostics;
using Swarm.Orchestrations.Jobs;

namespace Swarm.Functions.Telemetry;

/// <summary>
/// Reports the jobs <see cref="JobScheduler"/> starts — over HTTP, from Service Bus or the local queue alike — as
/// <c>swarm.simulations.started</c> / <c>SimulationStarted</c>, and hands them to the <see cref="JobMonitor"/> (when
/// there is one) to follow until they end.
/// </summary>
/// <remarks>
/// A resubmitted job (one that already existed) is not counted as started again, but is followed. The submitting
/// request's span, when one is recorded, is tagged with the job's instance id, so a trace leads to the job.
/// </remarks>
public sealed class JobStartTelemetry(SwarmTelemetry telemetry, JobMonitor? monitor = null) : IJobObserver
{
    /// <inheritdoc />
    public void Submitted(JobStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (Activity.Current is { IsAllDataRequested: true } span)
        {
            span.SetTag("swarm.instance_id", start.InstanceId);
            span.SetTag("swarm.job.kind", start.Kind.ToString());
        }

        if (start.Created)
        {
            telemetry.SimulationStarted(start.Kind.ToString().ToLowerInvariant(), start.InstanceId);
        }

        monitor?.Track(start.InstanceId, start.Kind, start.Created);
    }
}
