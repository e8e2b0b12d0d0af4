using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.DurableTask.Client;
using Swarm.Functions.Telemetry;
using Swarm.Functions.Timers;
using Swarm.Orchestrations.Jobs;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Intake;

/// <summary>Registers the non-HTTP functions of a locally hosted app (<c>swarm serve</c>): the job intake fed by a local queue, and the timers.</summary>
public static class BackgroundFunctionsServiceCollectionExtensions
{
    /// <summary>The setting choosing the local job queue: <c>embedded</c> (default) or <c>azure</c>.</summary>
    public const string LocalQueueStoreSetting = "SwarmLocalQueue:Store";

    /// <summary>The data folder of the embedded queue (default <see cref="DefaultLocalDataFolder"/>; the queue is its <c>jobs.db</c>).</summary>
    public const string LocalQueueDataSetting = "SwarmLocalQueue:Data";

    /// <summary>The storage connection string of the <c>azure</c> queue (default: <see cref="StorageConnectionVariable"/>).</summary>
    public const string LocalQueueConnectionSetting = "SwarmLocalQueue:Connection";

    /// <summary>The local data folder when none is given: <c>.swarm</c> under the current directory (the local backend's too).</summary>
    public const string DefaultLocalDataFolder = ".swarm";

    /// <summary>The environment variable holding the local storage connection string when none is given (the local backend's too), so the secret stays off the command line.</summary>
    public const string StorageConnectionVariable = "SWARM_STORAGE_CONNECTION";

    /// <summary>The Service Bus trigger's connection name (<c>function.json</c>: <c>"connection": "ServiceBusConnection"</c>).</summary>
    public const string ServiceBusConnectionName = "ServiceBusConnection";

    /// <summary>
    /// Adds <see cref="SimulationJobsFunction"/> fed by a <see cref="QueuePump"/>, and <see cref="NightlyBackupFunction"/>
    /// and <see cref="PurgeFinishedInstancesFunction"/> run by a <see cref="TimerScheduler"/>, all as hosted services,
    /// plus the telemetry of <see cref="SwarmTelemetryServiceCollectionExtensions.AddSwarmTelemetry"/> (Application Insights on when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set).
    /// </summary>
    /// <remarks>
    /// <para>The host must register the backend as singletons: a <see cref="DurableTaskClient"/> and a
    /// <see cref="StateStore"/> (the state store's tables must be creatable);
    /// and a <see cref="ModelCatalog"/> (defaults to <see cref="ModelCatalog.Default"/> when absent). A
    /// <see cref="TimeProvider"/>, an <see cref="IJobQueue"/> or a <see cref="SwarmTelemetry"/> registered before this
    /// call is used instead of the default one.</para>
    /// <para>Settings read: <c>SwarmJobsQueue</c> (default <c>simulation-jobs</c>), <c>SwarmJobsMaxDeliveryCount</c> (5),
    /// <c>SwarmBackupSchedule</c> (<c>0 0 3 * * *</c>), <c>SwarmBackupRetentionDays</c> (30), <c>SwarmPurgeSchedule</c>
    /// (<c>0 30 4 * * *</c>), <c>SwarmPurgeAfterDays</c> (30), <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>, <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>, and for the
    /// local queue <see cref="LocalQueueStoreSetting"/>, <see cref="LocalQueueDataSetting"/>,
    /// <see cref="LocalQueueConnectionSetting"/> (as environment variables: <c>SwarmLocalQueue__Store</c> …). Malformed
    /// settings fail when the host starts, with a message naming the setting.</para>
    /// </remarks>
    public static IServiceCollection AddSwarmBackgroundFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var intake = IntakeOptions.FromConfiguration(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ModelCatalog.Default);
        services.AddSwarmTelemetry(configuration);
        services.TryAddSingleton(intake);
        services.TryAddSingleton(sp => new JobReader(sp.GetRequiredService<ModelCatalog>()));
        services.TryAddSingleton(sp => new JobRejections(sp.GetRequiredService<StateStore>()));
        services.TryAddSingleton<SimulationJobsFunction>();
        services.TryAddSingleton<IJobQueue>(sp => LocalQueue(configuration, intake, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<QueuePump>();
        services.AddHostedService(sp => sp.GetRequiredService<QueuePump>());

        services.TryAddSingleton(sp => new TimerRuns(sp.GetRequiredService<StateStore>()));
        services.AddSingleton<ITimerFunction, NightlyBackupFunction>();
        services.AddSingleton<ITimerFunction, PurgeFinishedInstancesFunction>();
        services.TryAddSingleton<TimerScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerScheduler>());
        return services;
    }

    /// <summary>
    /// Adds a <see cref="ServiceBusIntake"/> hosted service that feeds <see cref="SimulationJobsFunction"/> from the
    /// queue <c>SwarmJobsQueue</c> (default <c>simulation-jobs</c>) of the Service Bus namespace
    /// <paramref name="fullyQualifiedNamespace"/>; call after <see cref="AddSwarmBackgroundFunctions"/>.
    /// </summary>
    /// <remarks>
    /// The client signs in with the credential the <c>ServiceBusConnection__*</c> settings describe (as for the
    /// Functions host's trigger: <c>__credential</c>, <c>__clientId</c> …), through Microsoft.Extensions.Azure; with none of
    /// them set that is <c>DefaultAzureCredential</c>: a developer's own sign-in.
    /// </remarks>
    public static IServiceCollection AddSwarmServiceBusIntake(this IServiceCollection services, IConfiguration configuration, string fullyQualifiedNamespace)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(fullyQualifiedNamespace);
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(sp => sp.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(configuration.GetSection(ServiceBusConnectionName)));
            clients.AddServiceBusClientWithNamespace(fullyQualifiedNamespace);
        });
        services.TryAddSingleton(sp => new ServiceBusIntake(
            sp.GetRequiredService<ServiceBusClient>().CreateProcessor(sp.GetRequiredService<IntakeOptions>().QueueName, ServiceBusIntake.ProcessorOptions),
            sp.GetRequiredService<SimulationJobsFunction>(),
            sp.GetService<ILogger<ServiceBusIntake>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ServiceBusIntake>());
        return services;
    }

    private static IJobQueue LocalQueue(IConfiguration configuration, IntakeOptions intake, TimeProvider time)
    {
        switch (configuration[LocalQueueStoreSetting] ?? "embedded")
        {
            case "embedded":
                return EmbeddedJobQueue.InDataFolder(configuration[LocalQueueDataSetting] ?? DefaultLocalDataFolder, intake.QueueName, time);
            case "azure":
                var connection = configuration[LocalQueueConnectionSetting] ?? Environment.GetEnvironmentVariable(StorageConnectionVariable);
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new InvalidOperationException($"Setting {LocalQueueStoreSetting} is 'azure' but no connection is given: set {LocalQueueConnectionSetting} or {StorageConnectionVariable}.");
                }

                try
                {
                    return StorageJobQueue.Connect(AzureConnection.FromConnectionString(connection, LocalQueueConnectionSetting), intake.QueueName);
                }
                catch (Exception e) when (e is FormatException or ArgumentException)
                {
                    throw new InvalidOperationException($"Setting {LocalQueueConnectionSetting}: {e.Message}", e);
                }

            case var other:
                throw new InvalidOperationException($"Setting {LocalQueueStoreSetting} is '{other}'; expected 'embedded' or 'azure'.");
        }
    }
}
