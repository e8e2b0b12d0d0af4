using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;

namespace Swarm.Functions.Intake;

/// <summary>
/// Feeds <see cref="SimulationJobsFunction"/> from a Service Bus queue with the SDK's <see cref="ServiceBusProcessor"/>
/// (peek-lock, no auto-complete), as the Functions host's Service Bus trigger does in Azure: <c>swarm serve --servicebus</c>.
/// </summary>
/// <remarks>
/// The same exactly-once rules as the trigger and <see cref="QueuePump"/>: a message is completed only after the
/// function returned (the orchestration exists, or the rejection is durable: duplicates start nothing, invalid
/// messages are recorded and completed); a failure that is not the message's fault abandons it, so the broker
/// delivers it again with its delivery count raised, and the function records it as poisoned at the last delivery.
/// </remarks>
public sealed class ServiceBusIntake : IHostedService, IAsyncDisposable
{
    private readonly ServiceBusProcessor _processor;
    private readonly SimulationJobsFunction _function;
    private readonly ILogger _logger;

    /// <summary>Creates the intake on <paramref name="processor"/>, which must have <c>AutoCompleteMessages = false</c>.</summary>
    public ServiceBusIntake(ServiceBusProcessor processor, SimulationJobsFunction function, ILogger<ServiceBusIntake>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(function);
        if (processor.AutoCompleteMessages)
        {
            throw new ArgumentException("The processor must not complete messages itself; the intake settles each one.", nameof(processor));
        }

        _processor = processor;
        _function = function;
        _logger = logger ?? NullLogger<ServiceBusIntake>.Instance;
        _processor.ProcessMessageAsync += ProcessAsync;
        _processor.ProcessErrorAsync += ErrorAsync;
    }

    /// <summary>The queue the processor reads.</summary>
    public string QueueName => _processor.EntityPath;

    /// <summary>The processor options the intake runs with: peek-lock, settled by the intake, a few messages at once.</summary>
    public static ServiceBusProcessorOptions ProcessorOptions => new()
    {
        AutoCompleteMessages = false,
        ReceiveMode = ServiceBusReceiveMode.PeekLock,
        MaxConcurrentCalls = 4,
    };

    /// <summary>
    /// Handles one delivery: the outcome when the message is to be completed, or null when it is to be abandoned
    /// for redelivery (the function failed for a reason that is not the message's).
    /// </summary>
    public async Task<IntakeOutcome?> HandleAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return await _function.HandleAsync(ServiceBusJobMessage.FromServiceBus(message), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any handler failure means "deliver again"; the function records poison itself.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogWarning(e, "Job message {MessageId} failed on delivery {DeliveryCount}; abandoned for redelivery.", message.MessageId, message.DeliveryCount);
            return null;
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => _processor.StartProcessingAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _processor.StopProcessingAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _processor.DisposeAsync();

    private async Task ProcessAsync(ProcessMessageEventArgs args)
    {
        IntakeOutcome? outcome;
        try
        {
            outcome = await HandleAsync(args.Message, args.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (args.CancellationToken.IsCancellationRequested)
        {
            // Stopping: hand the message straight back rather than make it wait out its lock.
            await args.AbandonMessageAsync(args.Message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (outcome is null)
        {
            await args.AbandonMessageAsync(args.Message, cancellationToken: args.CancellationToken).ConfigureAwait(false);
            return;
        }

        await args.CompleteMessageAsync(args.Message, args.CancellationToken).ConfigureAwait(false);
    }

    private Task ErrorAsync(ProcessErrorEventArgs args)
    {
        // The processor retries on its own (its client's retry policy); a lost lock means the next delivery is a duplicate.
        _logger.LogError(args.Exception, "Service Bus intake: {Source} on {Entity} failed.", args.ErrorSource, args.EntityPath);
        return Task.CompletedTask;
    }
}
