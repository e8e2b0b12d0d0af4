using System.Globalization;

namespace Swarm.Functions.Hosting;

/// <summary>The per-caller rate limit and the request body limit, as app settings give them.</summary>
/// <remarks>
/// <para>Settings (as environment variables, the form app settings take in Azure): <c>Swarm__RateLimitPermitsPerMinute</c>
/// (1-1,000,000; default 600) and <c>Swarm__MaxRequestBodyBytes</c> (1,024-104,857,600; default 1 MiB). An absent or
/// empty setting keeps the default; a malformed one is a problem naming the setting, reported before the app starts.
/// <c>swarm serve</c>'s <c>--rate-limit</c> and <c>--max-body-bytes</c> override them.</para>
/// <para>The body limit's ceiling is the Functions host's own default cap on request bodies (100 MiB,
/// <c>FUNCTIONS_REQUEST_BODY_SIZE_LIMIT</c>); a larger limit in the app would never be reached there.</para>
/// </remarks>
/// <param name="RateLimitPermitsPerMinute">Requests a caller may make per minute.</param>
/// <param name="MaxRequestBodyBytes">The largest request body accepted, in bytes.</param>
public sealed record RequestLimits(int RateLimitPermitsPerMinute, long MaxRequestBodyBytes)
{
    /// <summary>The rate limit setting (configuration key; env <c>Swarm__RateLimitPermitsPerMinute</c>).</summary>
    public const string RateLimitSetting = "Swarm:RateLimitPermitsPerMinute";

    /// <summary>The body limit setting (configuration key; env <c>Swarm__MaxRequestBodyBytes</c>).</summary>
    public const string MaxRequestBodySetting = "Swarm:MaxRequestBodyBytes";

    /// <summary>Requests per caller per minute when nothing is set.</summary>
    public const int DefaultRateLimitPermitsPerMinute = 600;

    /// <summary>The body limit when nothing is set: 1 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The highest rate limit accepted.</summary>
    public const int MaxRateLimitPermitsPerMinute = 1_000_000;

    /// <summary>The smallest body limit accepted: below it no job document fits.</summary>
    public const long MinRequestBodyBytes = 1024;

    /// <summary>The largest body limit accepted: the Functions host's own cap.</summary>
    public const long MaxRequestBodyBytesCeiling = 100L * 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static RequestLimits Default { get; } = new(DefaultRateLimitPermitsPerMinute, DefaultMaxRequestBodyBytes);

    /// <summary>The limits <paramref name="configuration"/> sets; each malformed setting adds a problem naming it to <paramref name="problems"/> and keeps its default.</summary>
    public static RequestLimits Read(IConfiguration configuration, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var permits = Whole(configuration, RateLimitSetting, 1, MaxRateLimitPermitsPerMinute, DefaultRateLimitPermitsPerMinute, problems);
        var body = Whole(configuration, MaxRequestBodySetting, MinRequestBodyBytes, MaxRequestBodyBytesCeiling, DefaultMaxRequestBodyBytes, problems);
        return new RequestLimits((int)permits, body);
    }

    /// <summary>The environment-variable name of <paramref name="setting"/> (<c>:</c> written as <c>__</c>).</summary>
    public static string EnvironmentName(string setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Replace(":", "__", StringComparison.Ordinal);
    }

    private static long Whole(IConfiguration configuration, string setting, long min, long max, long fallback, ICollection<string> problems)
    {
        var text = configuration[setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add(string.Create(CultureInfo.InvariantCulture, $"Setting {EnvironmentName(setting)} is '{text}'; expected a whole number from {min} to {max}."));
        return fallback;
    }
}
