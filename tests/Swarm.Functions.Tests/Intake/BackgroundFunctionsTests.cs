using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Cli;
using Swarm.Functions.Intake;
using Swarm.Functions.Timers;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Tests.Intake;

public sealed class BackgroundFunctionsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-background-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task AddSwarmBackgroundFunctions_HostWithClientAndStore_PumpsQueuedJobsIntoOrchestrations()
    {
        await using var swarm = await LocalSwarm.StartAsync(_folder.FullName, ModelCatalog.Default);
        var settings = new Dictionary<string, string?>
        {
            [BackgroundFunctionsServiceCollectionExtensions.LocalQueueDataSetting] = _folder.FullName,
            ["SwarmJobsQueue"] = "local-jobs",
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(swarm.Client);
        builder.Services.AddSingleton(swarm.Store);
        builder.Services.AddSwarmBackgroundFunctions(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        using var queue = EmbeddedJobQueue.InDataFolder(_folder.FullName, "local-jobs");
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync(IntakeBackend.Message("from-the-queue"));
        var instance = await WaitForInstanceAsync(swarm, "from-the-queue");
        await host.StopAsync();

        Assert.Equal("SimulationRun", instance.Name);
        Assert.Equal(2, host.Services.GetServices<ITimerFunction>().Count());
        Assert.Equal(0, await queue.CountAsync());
    }

    [Fact]
    public async Task AddSwarmServiceBusIntake_Namespace_RegistersAProcessorOfTheJobsQueueAsAHostedService()
    {
        await using var swarm = await LocalSwarm.StartAsync(_folder.FullName, ModelCatalog.Default);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [BackgroundFunctionsServiceCollectionExtensions.LocalQueueDataSetting] = _folder.FullName,
            ["SwarmJobsQueue"] = "bus-jobs",
            ["ServiceBusConnection:credential"] = "managedidentity",
            ["ServiceBusConnection:clientId"] = "00000000-0000-0000-0000-000000000003",
        });
        builder.Services.AddSingleton(swarm.Client);
        builder.Services.AddSingleton(swarm.Store);
        builder.Services.AddSwarmBackgroundFunctions(builder.Configuration);
        builder.Services.AddSwarmServiceBusIntake(builder.Configuration, "swarm-tests.servicebus.windows.net");
        using var host = builder.Build();

        // Resolving builds the client and processor; nothing connects until the host starts them.
        var intake = host.Services.GetRequiredService<ServiceBusIntake>();
        var client = host.Services.GetRequiredService<Azure.Messaging.ServiceBus.ServiceBusClient>();

        Assert.Contains(intake, host.Services.GetServices<IHostedService>());
        Assert.Equal("swarm-tests.servicebus.windows.net", client.FullyQualifiedNamespace);
        Assert.Equal("bus-jobs", intake.QueueName);
    }

    [Theory]
    [InlineData("SwarmBackupSchedule", "0 3 * * *")]
    [InlineData("SwarmPurgeSchedule", "nightly")]
    public async Task AddSwarmBackgroundFunctions_BadSchedule_StopsTheHostAtStartNamingTheSetting(string setting, string value)
    {
        await using var swarm = await LocalSwarm.StartAsync(_folder.FullName, ModelCatalog.Default);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value, [BackgroundFunctionsServiceCollectionExtensions.LocalQueueDataSetting] = _folder.FullName });
        builder.Services.AddSingleton(swarm.Client);
        builder.Services.AddSingleton(swarm.Store);
        builder.Services.AddSwarmBackgroundFunctions(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidTimerScheduleException>(() => host.StartAsync());

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    private static async Task<Microsoft.DurableTask.Client.OrchestrationMetadata> WaitForInstanceAsync(LocalSwarm swarm, string instanceId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await swarm.Client.GetInstanceAsync(instanceId) is { } instance)
            {
                return instance;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{instanceId} was never started.");
            await Task.Delay(20);
        }
    }
}
