namespace Swarm.Functions.Http;

/// <summary>The optional <c>reason</c> query parameter of terminate, suspend, resume and cancel.</summary>
public static class ReasonQuery
{
    /// <summary>The longest reason kept.</summary>
    public const int MaxLength = 1000;

    /// <summary>The reason (or <paramref name="fallback"/>), or the 400 problem to answer with.</summary>
    public static (string? Text, IResult? Problem) Read(HttpRequest request, string fallback)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Query["reason"];
        if (values.Count > 1)
        {
            return (null, ApiProblem.Validation("query.reason", "Give one reason."));
        }

        var reason = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrWhiteSpace(reason))
        {
            return (fallback, null);
        }

        return reason.Length > MaxLength || reason.Any(char.IsControl)
            ? (null, ApiProblem.Validation("query.reason", $"At most {MaxLength} characters, no control characters."))
            : (reason, null);
    }
}
