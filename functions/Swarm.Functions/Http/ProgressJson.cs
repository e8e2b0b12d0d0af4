using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Runs;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Functions.Http;

/// <summary>The API's view of the workflows' custom statuses (<see cref="SimulationProgress"/>, <see cref="SweepProgress"/>), in the API's camelCase.</summary>
public static class ProgressJson
{
    /// <summary>A run's progress, or null before it reports any.</summary>
    public static JsonNode? OfRun(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var progress = Read<SimulationProgress>(metadata);
        if (progress is null)
        {
            return InstanceStatusJson.Parse(metadata.SerializedCustomStatus);
        }

        var reporters = new JsonObject();
        foreach (var (name, value) in progress.Reporters ?? new Dictionary<string, double>())
        {
            reporters[name] = double.IsFinite(value) ? value : null;
        }

        return new JsonObject
        {
            ["step"] = progress.Step,
            ["steps"] = progress.Steps,
            ["stepsPerSecond"] = double.IsFinite(progress.StepsPerSecond) ? progress.StepsPerSecond : null,
            ["reporters"] = reporters,
        };
    }

    /// <summary>A sweep's progress, or null before it reports any.</summary>
    public static JsonNode? OfSweep(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var progress = Read<SweepProgress>(metadata);
        return progress is null
            ? InstanceStatusJson.Parse(metadata.SerializedCustomStatus)
            : new JsonObject
            {
                ["phase"] = progress.Phase,
                ["runsDone"] = progress.RunsDone,
                ["runs"] = progress.Runs,
                ["batchesDone"] = progress.BatchesDone,
                ["batches"] = progress.Batches,
            };
    }

    private static T? Read<T>(OrchestrationMetadata metadata)
        where T : class
    {
        try
        {
            return metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<T>();
        }
        catch (JsonException)
        {
            // Another orchestrator's status under the same id: shown as it is.
            return null;
        }
    }
}
