namespace Swarm.Functions.Intake;

/// <summary>Settings of the job intake: the queue, how often a failing message is retried, and the local pump's lease.</summary>
public sealed record IntakeOptions
{
    /// <summary>The app setting naming the queue.</summary>
    public const string QueueSetting = "SwarmJobsQueue";

    /// <summary>The app setting for <see cref="MaxDeliveryCount"/>.</summary>
    public const string MaxDeliveryCountSetting = "SwarmJobsMaxDeliveryCount";

    /// <summary>The queue used when <see cref="QueueSetting"/> is not set.</summary>
    public const string DefaultQueueName = "simulation-jobs";

    /// <summary>The queue name (Service Bus queue in Azure; local queue for <c>swarm serve</c>).</summary>
    public string QueueName { get; init; } = DefaultQueueName;

    /// <summary>
    /// Deliveries a message may fail (the backend down, say) before it is recorded as poisoned instead of retried;
    /// 5, the Service Bus queue's <c>maxDeliveryCount</c>, so the app records it on the delivery before the broker
    /// would dead-letter it.
    /// </summary>
    public int MaxDeliveryCount { get; init; } = 5;

    /// <summary>How long a local delivery stays hidden from other receivers (the peek-lock): a crashed handler's message reappears after it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a failed delivery waits before it is delivered again, times the delivery count.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between polls of an idle local queue.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads <see cref="QueueSetting"/> and <see cref="MaxDeliveryCountSetting"/>.</summary>
    /// <exception cref="InvalidOperationException">A setting is malformed; the message names it.</exception>
    public static IntakeOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new IntakeOptions();
        if (configuration[QueueSetting] is { Length: > 0 } queue)
        {
            options = options with { QueueName = queue };
        }

        if (configuration[MaxDeliveryCountSetting] is { Length: > 0 } text)
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw new InvalidOperationException($"Setting {MaxDeliveryCountSetting} is '{text}'; expected a whole number of at least 1.");
            }

            options = options with { MaxDeliveryCount = count };
        }

        return options;
    }
}
