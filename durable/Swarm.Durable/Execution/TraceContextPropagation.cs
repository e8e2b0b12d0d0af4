using System.Diagnostics;
using Swarm.Durable.History;

namespace Swarm.Durable.Execution;

/// <summary>Reads and writes the W3C trace context that history carries from a caller to the work it starts.</summary>
/// <remarks>
/// A trace context comes from outside (an HTTP <c>traceparent</c> header, a queue message, stored history written by
/// another runtime), so reading one never throws: a malformed value is treated as no parent at all.
/// </remarks>
public static class TraceContextPropagation
{
    /// <summary>The trace context of <paramref name="activity"/>, or null when there is none or it is not a W3C id.</summary>
    public static TraceContext? Capture(Activity? activity)
    {
        // Hierarchical ids ("|a.b.") cannot be expressed as a traceparent; dropping them keeps history W3C-only.
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C || activity.Id is not { } id)
        {
            return null;
        }

        return new TraceContext(id, string.IsNullOrEmpty(activity.TraceStateString) ? null : activity.TraceStateString);
    }

    /// <summary>Parses <paramref name="context"/>; false (and the default context) when it is null or malformed.</summary>
    public static bool TryParse(TraceContext? context, out ActivityContext parent)
    {
        parent = default;
        if (context is null || string.IsNullOrEmpty(context.TraceParent))
        {
            return false;
        }

        try
        {
            return ActivityContext.TryParse(context.TraceParent, context.TraceState, isRemote: true, out parent);
        }
        catch (ArgumentException)
        {
            // TryParse rejects bad input by returning false; this only guards against a runtime that throws instead.
            parent = default;
            return false;
        }
    }
}
