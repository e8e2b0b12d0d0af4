using System.Diagnostics;
using Azure.Data.Tables;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Telemetry;

/// <summary>The Azure SDK clients' spans are exported with the app's, in the trace of the work that made the call.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureSdkTelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TableCall_UnderAnAppSpan_IsExportedAsItsChildFromTheAzureSdkSource()
    {
        using var exported = new InMemoryTelemetry();
        var tables = new TableServiceClient(azurite.ConnectionString);
        var name = "otel" + Guid.NewGuid().ToString("N")[..12];
        ActivityTraceId traceId;

        using (var work = exported.Telemetry.Source.StartActivity("work"))
        {
            Assert.NotNull(work);
            traceId = work.TraceId;
            await tables.CreateTableIfNotExistsAsync(name);
        }

        exported.Telemetry.Flush();
        var sdk = exported.Spans.Where(s => s.TraceId == traceId && s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)).ToList();
        var operation = Assert.Single(sdk, s => s.DisplayName.Contains("CreateTableIfNotExists", StringComparison.Ordinal));
        var request = Assert.Single(sdk, s => s.Kind == ActivityKind.Client);
        Assert.Equal(operation.SpanId, request.ParentSpanId);
        await tables.DeleteTableAsync(name);
    }
}
