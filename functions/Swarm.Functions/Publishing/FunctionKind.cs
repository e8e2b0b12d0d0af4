namespace Swarm.Functions.Publishing;

/// <summary>What triggers a function, which decides its <c>function.json</c> bindings and how the custom handler dispatches it.</summary>
public enum FunctionKind
{
    /// <summary>An HTTP trigger (an <see cref="Http.IHttpFunction"/> class).</summary>
    Http,

    /// <summary>A Service Bus queue trigger.</summary>
    ServiceBus,

    /// <summary>A timer trigger (an <see cref="Timers.ITimerFunction"/> class).</summary>
    Timer,

    /// <summary>A Durable orchestration trigger: an orchestrator registered with the workflows' registry.</summary>
    Orchestration,

    /// <summary>A Durable activity trigger: an activity registered with the workflows' registry.</summary>
    Activity,
}
