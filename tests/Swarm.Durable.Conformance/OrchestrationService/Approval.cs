using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Waits for an external event named <see cref="EventName"/> and returns its data with the input.</summary>
public sealed class Approval : TaskOrchestration<string, string>
{
    /// <summary>The event the orchestration waits for.</summary>
    public const string EventName = "approval";

    private TaskCompletionSource<string> _approval = new();

    /// <inheritdoc />
    public override async Task<string> RunTask(OrchestrationContext context, string input)
    {
        _approval = new TaskCompletionSource<string>();
        var decision = await _approval.Task;
        return $"{input}:{decision}";
    }

    /// <inheritdoc />
    public override void OnEvent(OrchestrationContext context, string name, string input)
    {
        if (name == EventName)
        {
            _approval.TrySetResult(input);
        }
    }
}
