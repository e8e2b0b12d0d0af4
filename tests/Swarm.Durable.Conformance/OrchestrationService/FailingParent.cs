using DurableTask.Core;
using DurableTask.Core.Exceptions;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Runs <see cref="Failing"/> as a sub-orchestration and returns the failure details it saw: "type|message".</summary>
public sealed class FailingParent : TaskOrchestration<string, string>
{
    /// <inheritdoc />
    public override async Task<string> RunTask(OrchestrationContext context, string input)
    {
        try
        {
            await context.CreateSubOrchestrationInstance<string>(typeof(Failing), input);
            return "no failure";
        }
        catch (SubOrchestrationFailedException e)
        {
            return $"{e.FailureDetails?.ErrorType}|{e.FailureDetails?.ErrorMessage}";
        }
    }
}
