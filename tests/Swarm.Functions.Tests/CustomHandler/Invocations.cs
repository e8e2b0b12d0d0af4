using System.Text.Json.Nodes;
using Swarm.Orchestrations.Backup;
using P = Microsoft.DurableTask.Protobuf;

namespace Swarm.Functions.Tests.CustomHandler;

/// <summary>Invocations in the shape the Functions host POSTs them to a custom handler, for the tests that play the host.</summary>
internal static class Invocations
{
    /// <summary>A small simulation job that finishes in moments.</summary>
    public const string SimulationJob = """{ "model": "boltzmann", "preset": "small", "steps": 3 }""";

    /// <summary>
    /// An HTTP-trigger invocation: <c>Data.req</c> with header values as arrays, a JSON body when one is given, and the
    /// <c>durableClient</c> binding value when <paramref name="client"/> is given.
    /// </summary>
    public static JsonObject Http(string method, string url, string? bearerToken = null, string? body = null, JsonNode? client = null, params (string Name, string Value)[] headers)
    {
        var requestHeaders = new JsonObject();
        if (bearerToken is not null)
        {
            requestHeaders["Authorization"] = new JsonArray("Bearer " + bearerToken);
        }

        if (body is not null)
        {
            requestHeaders["Content-Type"] = new JsonArray("application/json");
        }

        foreach (var (name, value) in headers)
        {
            requestHeaders[name] = new JsonArray(value);
        }

        var data = new JsonObject
        {
            ["req"] = new JsonObject { ["Url"] = url, ["Method"] = method, ["Headers"] = requestHeaders, ["Body"] = body },
        };
        if (client is not null)
        {
            data["client"] = client;
        }

        return new JsonObject { ["Data"] = data, ["Metadata"] = new JsonObject() };
    }

    /// <summary>The first episode of the backup orchestration <c>backup-20261122</c>, as the Durable extension sends it.</summary>
    public static P.OrchestratorRequest BackupFirstEpisode()
    {
        var now = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc));
        return new P.OrchestratorRequest
        {
            InstanceId = "backup-20261122",
            NewEvents =
            {
                new P.HistoryEvent { EventId = -1, Timestamp = now, OrchestratorStarted = new P.OrchestratorStartedEvent() },
                new P.HistoryEvent
                {
                    EventId = -1,
                    Timestamp = now,
                    ExecutionStarted = new P.ExecutionStartedEvent
                    {
                        Name = BackupOrchestrator.Name,
                        OrchestrationInstance = new P.OrchestrationInstance { InstanceId = "backup-20261122", ExecutionId = "e1" },
                    },
                },
            },
        };
    }
}
