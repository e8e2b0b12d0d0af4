using Microsoft.DurableTask.Client;
using Microsoft.IdentityModel.Tokens;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Hosting;

/// <summary>What <see cref="FunctionApp"/> serves: the backend, how callers are authenticated, and the request limits.</summary>
/// <remarks>
/// Exactly one way of validating tokens must be given: <see cref="LocalSigningKey"/> (<c>swarm serve</c>: tokens
/// from <see cref="LocalSigningKey"/>, issuer <see cref="LocalSigningKey.Issuer"/>), or the <c>Auth__Authority</c>
/// and <c>Auth__Audience</c> settings (Entra ID). There is no anonymous mode.
/// </remarks>
public sealed class FunctionAppOptions
{
    /// <summary>The durable client the HTTP functions start and query orchestrations with.</summary>
    public required DurableTaskClient Client { get; init; }

    /// <summary>The state store: sweep records, results, the audit log.</summary>
    public required StateStore Store { get; init; }

    /// <summary>The model catalog.</summary>
    public ModelCatalog Catalog { get; init; } = ModelCatalog.Default;

    /// <summary>The local signing key that tokens are validated with; null to use Entra ID (<c>Auth__Authority</c>, <c>Auth__Audience</c>).</summary>
    public SecurityKey? LocalSigningKey { get; init; }

    /// <summary>The URLs to listen on; null: <c>http://127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT</c> when set, else the configuration's <c>urls</c>.</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>The largest request body accepted (bytes); larger ones get 413. Hosts read it from <see cref="RequestLimits.MaxRequestBodySetting"/>.</summary>
    public long MaxRequestBodyBytes { get; init; } = RequestLimits.DefaultMaxRequestBodyBytes;

    /// <summary>Requests a caller may make per <see cref="RateLimitWindow"/> (token bucket; the bucket holds this many). Hosts read it from <see cref="RequestLimits.RateLimitSetting"/>.</summary>
    public int RateLimitPermits { get; init; } = RequestLimits.DefaultRateLimitPermitsPerMinute;

    /// <summary>The time in which <see cref="RateLimitPermits"/> are replenished.</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock behind timestamps in the audit log.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
