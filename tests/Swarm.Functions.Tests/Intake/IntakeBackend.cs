using Microsoft.DurableTask.Client;
using Swarm.Cli;
using Swarm.Functions.Intake;
using Swarm.Functions.Telemetry;
using Swarm.Orchestrations.Jobs;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Tests.Intake;

/// <summary>A real embedded backend in a temporary folder, and intake functions wired to it.</summary>
internal sealed class IntakeBackend : IAsyncDisposable
{
    public const string Job = """{ "kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 2 }""";

    private readonly DirectoryInfo _folder;

    private IntakeBackend(DirectoryInfo folder, LocalSwarm swarm)
    {
        _folder = folder;
        Swarm = swarm;
        Rejections = new JobRejections(swarm.Store);
    }

    /// <summary>Cancels after a minute, so a wait that never ends fails its test instead of hanging the run.</summary>
    public static CancellationToken Patience => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    public LocalSwarm Swarm { get; }

    public JobRejections Rejections { get; }

    public SwarmTelemetry Telemetry { get; } = new();

    public string Folder => _folder.FullName;

    public static async Task<IntakeBackend> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("swarm-intake-");
        return new IntakeBackend(folder, await LocalSwarm.StartAsync(folder.FullName, ModelCatalog.Default));
    }

    public SimulationJobsFunction Function(IntakeOptions? options = null, DurableTaskClient? client = null, TimeProvider? time = null) =>
        new(new JobReader(ModelCatalog.Default), new JobScheduler(client ?? Swarm.Client), Rejections, Telemetry, options ?? new IntakeOptions(), time);

    public static IntakeMessage Message(string? id, string body = Job, int deliveryCount = 1, string? contentType = "application/json") =>
        new(id, BinaryData.FromString(body), deliveryCount, contentType);

    public async Task<List<JobRejection>> RejectionsOfAsync(string? messageId)
    {
        var list = new List<JobRejection>();
        await foreach (var rejection in Rejections.ForMessageAsync(messageId))
        {
            list.Add(rejection);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await Swarm.DisposeAsync();
        Telemetry.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may outlive the test on some platforms; the temp folder is cleaned by the OS.
        }
    }
}
