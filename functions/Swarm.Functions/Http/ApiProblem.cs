using Swarm.Orchestrations.Sweeps;

namespace Swarm.Functions.Http;

/// <summary>The RFC 7807 answers of the API: every error is <c>application/problem+json</c>.</summary>
public static class ApiProblem
{
    /// <summary>400 with every problem in <c>errors</c>, keyed by JSON path (or by the header / query parameter at fault).</summary>
    public static IResult Validation(IEnumerable<SpecError> errors, string title = "The request is not valid.")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var byPath = errors
            .GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(byPath, title: title);
    }

    /// <summary>400 with one problem at <paramref name="path"/>.</summary>
    public static IResult Validation(string path, string message) => Validation([new SpecError(path, message)]);

    /// <summary>404: no such instance, sweep or resource.</summary>
    public static IResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    /// <summary>409: the resource exists but is not in a state that allows this.</summary>
    public static IResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");

    /// <summary>422: the request is well formed but contradicts what the key it names already stands for.</summary>
    public static IResult Unprocessable(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: title, extensions: extensions);

    /// <summary>415: the body is not JSON.</summary>
    public static IResult UnsupportedMediaType(string? contentType) => TypedResults.Problem(
        $"Send the body as application/json (got '{contentType}').", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");

    /// <summary>A problem with <paramref name="status"/>.</summary>
    public static IResult Status(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
