using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.DurableTask.Client;
using Swarm.Orchestrations;
using Swarm.Orchestrations.Jobs;

namespace Swarm.Functions.Telemetry;

/// <summary>Registers the function app's telemetry: the same for <c>swarm serve</c> and for the function app's <c>host</c> in Azure.</summary>
public static class SwarmTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SwarmTelemetry"/> from the app settings (<see cref="SwarmTelemetry.FromConfiguration"/>:
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>, <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>), the
    /// <see cref="JobMonitor"/> (also as a hosted service), a <see cref="WorkflowTelemetry"/> for the activities built
    /// from these services, and makes <see cref="JobScheduler"/> report every job it starts through
    /// <see cref="JobStartTelemetry"/>.
    /// </summary>
    /// <remarks>
    /// <para>Needs a <see cref="DurableTaskClient"/> registered as a singleton (before or after this call). A
    /// <see cref="SwarmTelemetry"/> or <see cref="JobMonitor"/> registered before this call is used instead of the
    /// default one. The <see cref="JobScheduler"/> registration is replaced by one with the registered
    /// <see cref="IJobObserver"/>s, so that every way a job comes in is counted in one place.</para>
    /// <para>Resolving the <see cref="WorkflowTelemetry"/> brings up <see cref="SwarmTelemetry"/> first, whose listener
    /// exports the workflows' meter: where nothing else resolves the app's telemetry before an activity runs (the custom
    /// handler, which starts no hosted services), the activity's measurements are still exported.</para>
    /// <para>A malformed setting fails when <see cref="SwarmTelemetry"/> is first resolved, with a message naming it.</para>
    /// </remarks>
    public static IServiceCollection AddSwarmTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => SwarmTelemetry.FromConfiguration(configuration));
        services.TryAddSingleton(sp =>
        {
            _ = sp.GetRequiredService<SwarmTelemetry>();
            return new WorkflowTelemetry();
        });
        services.TryAddSingleton<JobMonitor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, JobMonitor>(sp => sp.GetRequiredService<JobMonitor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobObserver, JobStartTelemetry>());
        services.Replace(ServiceDescriptor.Singleton(sp => new JobScheduler(sp.GetRequiredService<DurableTaskClient>(), sp.GetServices<IJobObserver>())));
        return services;
    }
}
