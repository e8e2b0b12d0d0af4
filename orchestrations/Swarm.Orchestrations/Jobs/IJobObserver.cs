namespace Swarm.Orchestrations.Jobs;

/// <summary>Told of every job <see cref="JobScheduler"/> starts, whichever way it was submitted (HTTP, a queue message).</summary>
/// <remarks>
/// Called on the submitting request's flow right after the start, so it must be quick and must not throw: a
/// submission never fails because of what an observer does with it (telemetry, following the job).
/// </remarks>
public interface IJobObserver
{
    /// <summary>
    /// <paramref name="start"/> was submitted: <see cref="JobStart.Created"/> is true when this submission created the
    /// instance, false when it already existed (a resubmission or a redelivered message).
    /// </summary>
    void Submitted(JobStart start);
}
