using Microsoft.Extensions.Logging.Abstractions;

namespace Swarm.Functions.Intake;

/// <summary>
/// Feeds <see cref="SimulationJobsFunction"/> from a local <see cref="IJobQueue"/>, as the Functions host's Service
/// Bus trigger does in Azure: receive under a lease, handle, then complete; a handler error abandons the message for
/// a later delivery.
/// </summary>
/// <remarks>
/// The message is completed only after the function returned, i.e. after the orchestration was started or the
/// rejection was written. If the process dies in between, the lease expires and the message is delivered again;
/// the function then finds the instance (its id is the message id) and starts nothing twice.
/// </remarks>
public sealed class QueuePump : BackgroundService
{
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly IJobQueue _queue;
    private readonly SimulationJobsFunction _function;
    private readonly IntakeOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the pump.</summary>
    public QueuePump(IJobQueue queue, SimulationJobsFunction function, IntakeOptions options, ILogger<QueuePump>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(options);
        _queue = queue;
        _function = function;
        _options = options;
        _logger = logger ?? NullLogger<QueuePump>.Instance;
    }

    /// <summary>Raised after each delivery is handled (with its outcome) or failed (with null); for progress displays and tests.</summary>
    public event Action<JobQueueMessage, IntakeOutcome?>? Handled;

    /// <summary>Receives and handles at most one message; false when none was visible.</summary>
    public async Task<bool> PumpOnceAsync(CancellationToken cancellationToken = default)
    {
        var received = await _queue.ReceiveAsync(_options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (received is null)
        {
            return false;
        }

        IntakeOutcome outcome;
        try
        {
            outcome = await _function.HandleAsync(received.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the message straight back rather than make it wait out the lease.
            await _queue.AbandonAsync(received, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // Any handler failure means "deliver again later"; the function records poison itself.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var retryAfter = _options.RetryDelay * received.Message.DeliveryCount;
            _logger.LogWarning(e, "Job message {MessageId} failed on delivery {DeliveryCount}; delivered again in {RetryAfter}.", received.Message.MessageId, received.Message.DeliveryCount, retryAfter);
            await _queue.AbandonAsync(received, retryAfter, cancellationToken).ConfigureAwait(false);
            Handled?.Invoke(received, null);
            return true;
        }

        if (!await _queue.CompleteAsync(received, cancellationToken).ConfigureAwait(false))
        {
            // The lease ran out while the function worked; the next delivery finds the instance or the rejection.
            _logger.LogWarning("Job message {MessageId} outlived its lease; its next delivery will be a duplicate.", received.Message.MessageId);
        }

        Handled?.Invoke(received, outcome);
        return true;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _queue.CreateIfNotExistsAsync(stoppingToken).ConfigureAwait(false);
        var idle = MinPollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await PumpOnceAsync(stoppingToken).ConfigureAwait(false))
                {
                    idle = MinPollInterval;
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The queue itself failing (storage unreachable) must not stop the pump; it retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogError(e, "Reading the job queue failed; retrying in {Delay}.", _options.MaxPollInterval);
                idle = _options.MaxPollInterval;
            }

            try
            {
                await _queue.WaitForMessagesAsync(idle, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollInterval.Ticks));
        }
    }
}
