namespace Swarm.Functions.Hosting;

/// <summary>
/// How the app logs as a service: one line per request (<see cref="RequestLog"/>), Swarm's own information, and
/// warnings and errors; the framework's per-request lines, its stack traces for rejected tokens and its start-up
/// failure traces (a busy port, which the commands report themselves) only when verbose.
/// </summary>
/// <remarks>
/// Given as configuration arguments, so the app's own settings (<c>Logging__…</c> in the environment) cannot undo them
/// by accident. Under the Functions host (<c>host</c>) each entry is one JSON object a line, which the host's log
/// collection keeps structured; <c>swarm serve</c> writes plain single lines for people.
/// </remarks>
public static class ServiceLogging
{
    /// <summary>The configuration arguments for plain lines (<paramref name="json"/> false) or JSON lines, verbose or not.</summary>
    public static string[] Arguments(bool verbose, bool json)
    {
        var format = json
            ? new[] { "--Logging:Console:FormatterName=json", "--Logging:Console:FormatterOptions:IncludeScopes=true" }
            : ["--Logging:Console:FormatterName=simple", $"--Logging:Console:FormatterOptions:SingleLine={!verbose}", "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss "];
        string[] levels = verbose
            ? ["--Logging:LogLevel:Default=Information"]
            :
            [
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Swarm=Information",
                "--Logging:LogLevel:Microsoft.Extensions.Hosting=None",
                "--Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel=None",
            ];
        return [.. levels, .. format];
    }
}
