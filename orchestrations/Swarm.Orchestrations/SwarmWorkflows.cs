using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.Runs;
using Swarm.Orchestrations.State;
using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations;

/// <summary>Registers Swarm's orchestrators and activities, and the services their activities are built from.</summary>
public static class SwarmWorkflows
{
    /// <summary>
    /// Every orchestrator and activity, under the names orchestrations call them by; those for which
    /// <paramref name="include"/> is false are left out, so a host can register its own under that name.
    /// </summary>
    /// <remarks>
    /// The SDK builds orchestrators without dependency injection (their code must not reach services, for replay's
    /// sake), so the catalog and the options they read are given here; they must be the ones
    /// <see cref="AddSwarmServices"/> gives the activities.
    /// </remarks>
    public static DurableTaskRegistry AddSwarmWorkflows(this DurableTaskRegistry registry, ModelCatalog? catalog = null, WorkflowOptions? options = null, Func<string, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        catalog ??= ModelCatalog.Default;
        options ??= new WorkflowOptions();
        include ??= static _ => true;
        void Orchestrator<T>(Func<T> create)
            where T : class, ITaskOrchestrator
        {
            if (include(typeof(T).Name))
            {
                registry.AddOrchestrator(typeof(T).Name, create);
            }
        }

        void Activity<T>()
            where T : class, ITaskActivity
        {
            if (include(typeof(T).Name))
            {
                registry.AddActivity<T>();
            }
        }

        Orchestrator(() => new SimulationRun(options));
        Activity<RunSimulationChunk>();
        Orchestrator(() => new ParameterSweep(options));
        Orchestrator(() => new SweepBatch(catalog, options));
        Activity<RunSweepRuns>();
        Activity<RecordSweepRun>();
        Activity<AggregateSweep>();
        Orchestrator(() => new ProvisionSweep(options));
        Activity<ReserveQuota>();
        Activity<ReleaseQuota>();
        Activity<CreateResultsContainer>();
        Activity<DeleteResultsContainer>();
        Activity<RegisterSweep>();
        Activity<SetSweepStatus>();
        return registry;
    }

    /// <summary>The services the workflows need: the state store, the model catalog, the clock, the compute quota and the workflow options.</summary>
    public static IServiceCollection AddSwarmServices(this IServiceCollection services, StateStore store, ModelCatalog? catalog = null, ComputeQuotaOptions? quota = null, WorkflowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        return services
            .AddSingleton(store)
            .AddSingleton(catalog ?? ModelCatalog.Default)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(quota ?? new ComputeQuotaOptions())
            .AddSingleton(options ?? new WorkflowOptions())
            .AddSingleton<ComputeQuota>();
    }
}
