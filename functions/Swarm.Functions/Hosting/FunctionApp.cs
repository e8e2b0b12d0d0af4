using System.Globalization;
using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swarm.Functions.Audit;
using Swarm.Functions.Http;
using Swarm.Functions.Triggers;
using Swarm.Orchestrations.Jobs;
using Swarm.Orchestrations.Provisioning;

namespace Swarm.Functions.Hosting;

/// <summary>
/// The function app's web host: every <see cref="IHttpFunction"/> class of this assembly mapped at its
/// <see cref="HttpTriggerAttribute"/> route (below <c>/api</c>, or at the root for the host's reserved
/// <c>runtime/webhooks/</c> routes), behind JWT bearer authentication, role policies, per-caller rate limits, body
/// size limits, security headers, the audit log, and ProblemDetails for every error.
/// </summary>
/// <remarks>
/// <para>Callers add their own services (hosted services for queues and timers, telemetry) through the
/// <c>configureServices</c> hook; the backend (<see cref="FunctionAppOptions.Client"/>,
/// <see cref="FunctionAppOptions.Store"/>) is registered before it runs, and what the hook registers with
/// <c>TryAdd</c> finds the app's registrations already there.</para>
/// <para>Order of the pipeline, and why: errors → ProblemDetails outermost so nothing escapes as a bare 500 or an
/// empty 404; the audit middleware outside authentication so it sees every outcome (403 and 429 included) and,
/// once the inner pipeline returns, who the caller was; rate limiting after authentication so it partitions by
/// caller, not by address.</para>
/// </remarks>
public static class FunctionApp
{
    /// <summary>Builds the app (not yet started) and creates the audit table.</summary>
    /// <exception cref="InvalidOperationException">No local signing key and no <c>Auth__Authority</c> / <c>Auth__Audience</c> settings.</exception>
    public static async Task<WebApplication> CreateAsync(
        FunctionAppOptions options,
        Action<IServiceCollection, IConfiguration>? configureServices = null,
        string[]? args = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        var configuration = builder.Configuration;
        if (options.Urls is { Count: > 0 } urls)
        {
            builder.WebHost.UseUrls([.. urls]);
        }
        else if (configuration[AuthSettings.CustomHandlerPort] is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });

        var services = builder.Services;
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // A store that cannot write is a 503 the client may retry, and says so; anything else stays a plain 500 without internals.
            if (context.ProblemDetails.Status == StatusCodes.Status503ServiceUnavailable && StoreFaults.IsUnavailable(context.Exception))
            {
                context.ProblemDetails.Title = "Service unavailable.";
                context.ProblemDetails.Detail = "The store cannot take writes now (disk full, I/O error or busy); nothing was started. Try again later.";
                context.HttpContext.Response.Headers.RetryAfter = StoreFaults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        // Authentication brings data protection along; bearer tokens need none of it, so keys stay in memory instead of
        // being written to the user profile of whatever machine runs the app.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.TryAddSingleton(options.Time);
        services.TryAddSingleton(options.Catalog);
        services.TryAddSingleton(options.Client);
        services.TryAddSingleton(Publishing.FunctionManifest.DeployedRegistry());
        services.TryAddSingleton(options.Store);
        services.TryAddSingleton(new AuditLog(options.Store.Records));
        services.TryAddSingleton(sp => new JobReader(sp.GetRequiredService<Simulation.Catalog.ModelCatalog>()));
        services.TryAddSingleton(sp => new JobScheduler(sp.GetRequiredService<DurableTaskClient>()));
        services.TryAddSingleton<JobSubmission>();
        services.TryAddSingleton(sp => new Intake.JobRejections(sp.GetRequiredService<Orchestrations.State.StateStore>()));
        services.TryAddSingleton(sp => new SweepCancellation(
            sp.GetRequiredService<DurableTaskClient>(),
            sp.GetRequiredService<Orchestrations.State.StateStore>(),
            new ComputeQuota(sp.GetRequiredService<Orchestrations.State.StateStore>(), new ComputeQuotaOptions()),
            sp.GetRequiredService<TimeProvider>()));
        AddAuthentication(services, options, configuration);
        AddRateLimits(services, options);
        configureServices?.Invoke(services, configuration);

        var app = builder.Build();
        await app.Services.GetRequiredService<AuditLog>().EnsureAsync(cancellationToken).ConfigureAwait(false);
        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A malformed request surfacing as an exception is the client's mistake, not a 500.
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when StoreFaults.IsUnavailable(e) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        MapFunctions(app);

        // The dashboard's own address is under /api (where the Functions host routes it in Azure); locally / leads there.
        app.MapGet("/", () => Results.Redirect(Http.DashboardFunction.Path)).AllowAnonymous();
        return app;
    }

    /// <summary>The HTTP function classes of this assembly, with their triggers.</summary>
    public static IReadOnlyList<(Type Type, FunctionAttribute Function, HttpTriggerAttribute Trigger)> HttpFunctions() =>
        [.. typeof(FunctionApp).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IHttpFunction).IsAssignableFrom(t))
            .Select(t => (t, t.GetCustomAttribute<FunctionAttribute>(), t.GetCustomAttribute<HttpTriggerAttribute>()))
            .Where(f => f.Item2 is not null && f.Item3 is not null)
            .Select(f => (f.t, f.Item2!, f.Item3!))
            .OrderBy(f => f.Item2.Name, StringComparer.Ordinal)];

    /// <summary>The path a trigger route is served at: <c>/api/&lt;route&gt;</c>, or the route itself for the host's <c>runtime/webhooks/</c> routes.</summary>
    public static string PathOf(HttpTriggerAttribute trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return trigger.Route.StartsWith("runtime/webhooks/", StringComparison.Ordinal) ? "/" + trigger.Route : "/api/" + trigger.Route;
    }

    private static void MapFunctions(WebApplication app)
    {
        foreach (var (type, function, trigger) in HttpFunctions())
        {
            var instance = (IHttpFunction)ActivatorUtilities.CreateInstance(app.Services, type);
            var endpoint = app.MapMethods(
                PathOf(trigger),
                [.. trigger.Methods.Select(m => m.ToUpperInvariant())],
                async context =>
                {
                    var result = await instance.RunAsync(context).ConfigureAwait(false);
                    await result.ExecuteAsync(context).ConfigureAwait(false);
                })
                .WithName(function.Name);
            if (type.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            {
                endpoint.AllowAnonymous();
            }
            else
            {
                var authorize = type.GetCustomAttributes<AuthorizeAttribute>().ToArray<IAuthorizeData>();
                if (authorize.Length == 0)
                {
                    throw new InvalidOperationException($"HTTP function {function.Name} declares no [Authorize] or [AllowAnonymous].");
                }

                endpoint.RequireAuthorization(authorize);
            }
        }
    }

    private static void AddAuthentication(IServiceCollection services, FunctionAppOptions options, IConfiguration configuration)
    {
        string? authority = null;
        string? audience = null;
        if (options.LocalSigningKey is null)
        {
            authority = configuration[AuthSettings.Authority];
            audience = configuration[AuthSettings.Audience];
            if (string.IsNullOrWhiteSpace(authority) || string.IsNullOrWhiteSpace(audience))
            {
                throw new InvalidOperationException("Set Auth__Authority and Auth__Audience (Entra ID token validation); there is no anonymous mode.");
            }
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.RoleClaimType = "roles";
            jwt.TokenValidationParameters.NameClaimType = "name";
            jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
            if (options.LocalSigningKey is { } key)
            {
                jwt.RequireHttpsMetadata = false;
                jwt.TokenValidationParameters.ValidIssuer = LocalSigningKey.Issuer;
                jwt.TokenValidationParameters.ValidAudience = LocalSigningKey.Audience;
                jwt.TokenValidationParameters.IssuerSigningKey = key;
            }
            else
            {
                jwt.Authority = authority;
                jwt.Audience = audience;
            }

            jwt.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var detail = context.AuthenticateFailure is null
                        ? "Send a bearer token: Authorization: Bearer <token>."
                        : "The bearer token was rejected (bad signature, issuer, audience or lifetime).";
                    context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                    await ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized.", detail).ConfigureAwait(false);
                },
                OnForbidden = context => ProblemResponses.WriteAsync(
                    context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden.", "The token does not carry a role that allows this."),
            };
        });
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var role in SwarmRoles.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(SwarmRoles.Satisfying(role)));
        }
    }

    /// <summary>The <c>type</c> of 429 answers: the RFC that defines the status (the framework links none for it).</summary>
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    /// <summary>A window as people write it: <c>1 minute</c>, <c>2 hours</c>, <c>90 seconds</c>, <c>250 ms</c>.</summary>
    internal static string Readable(TimeSpan window)
    {
        static string Count(long n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? string.Empty : "s")}");
        return window switch
        {
            { Ticks: var t } when t % TimeSpan.TicksPerDay == 0 => Count(t / TimeSpan.TicksPerDay, "day"),
            { Ticks: var t } when t % TimeSpan.TicksPerHour == 0 => Count(t / TimeSpan.TicksPerHour, "hour"),
            { Ticks: var t } when t % TimeSpan.TicksPerMinute == 0 => Count(t / TimeSpan.TicksPerMinute, "minute"),
            { Ticks: var t } when t % TimeSpan.TicksPerSecond == 0 => Count(t / TimeSpan.TicksPerSecond, "second"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{window.TotalMilliseconds:0.###} ms"),
        };
    }

    private static void AddRateLimits(IServiceCollection services, FunctionAppOptions options)
    {
        if (options.RateLimitPermits <= 0 || options.RateLimitWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Rate limit permits and window must be positive.");
        }

        // Tokens trickle back over the window; the period is kept coarse enough that the limiter's timer stays cheap.
        var period = TimeSpan.FromTicks(Math.Max(options.RateLimitWindow.Ticks / options.RateLimitPermits, TimeSpan.FromMilliseconds(50).Ticks));
        var perPeriod = (int)Math.Max(1, options.RateLimitPermits * period.Ticks / options.RateLimitWindow.Ticks);
        services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(
                CallerPartition.Of(context),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RateLimitPermits,
                    TokensPerPeriod = perPeriod,
                    ReplenishmentPeriod = period,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limits.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : period;
                var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ProblemResponses.WriteAsync(
                    context.HttpContext,
                    StatusCodes.Status429TooManyRequests,
                    "Too many requests.",
                    string.Create(CultureInfo.InvariantCulture, $"The rate limit is at most {options.RateLimitPermits} requests per {Readable(options.RateLimitWindow)} per caller; retry in {seconds} s."),
                    TooManyRequestsType).ConfigureAwait(false);
            };
        });
    }
}
