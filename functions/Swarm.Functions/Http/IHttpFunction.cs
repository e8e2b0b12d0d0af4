namespace Swarm.Functions.Http;

/// <summary>
/// An HTTP-triggered function: a class with <see cref="Triggers.FunctionAttribute"/> and
/// <see cref="Triggers.HttpTriggerAttribute"/> that answers one request. Its ASP.NET Core <c>[Authorize]</c>
/// attributes say which role may call it.
/// </summary>
public interface IHttpFunction
{
    /// <summary>Answers <paramref name="context"/>'s request.</summary>
    Task<IResult> RunAsync(HttpContext context);
}
