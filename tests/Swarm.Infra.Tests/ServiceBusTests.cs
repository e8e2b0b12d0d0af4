namespace Swarm.Infra.Tests;

public sealed class ServiceBusTests
{
    [Fact]
    public void Queue_Delivery_HasDuplicateDetectionDeadLetteringAndMaxDeliveryCount()
    {
        var (file, queue) = InfraSet.Repository.SingleOfType("Microsoft.ServiceBus/namespaces/queues");
        var properties = queue.Properties!;
        Assert.True(properties.Get("requiresDuplicateDetection")?.Text == "true", $"{file.RelativePath}:{queue.Line}: requiresDuplicateDetection must be true.");
        Assert.True(properties.Get("duplicateDetectionHistoryTimeWindow") is not null, $"{file.RelativePath}:{queue.Line}: duplicateDetectionHistoryTimeWindow is not set.");
        Assert.True(properties.Get("deadLetteringOnMessageExpiration")?.Text == "true", $"{file.RelativePath}:{queue.Line}: deadLetteringOnMessageExpiration must be true.");
        var maxDelivery = properties.Get("maxDeliveryCount");
        Assert.True(maxDelivery is not null, $"{file.RelativePath}:{queue.Line}: maxDeliveryCount is not set.");
        var bound = int.TryParse(file.LiteralOrDefault(maxDelivery.Text), System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : 0;
        Assert.True(bound is >= 1 and <= 100, $"{file.RelativePath}:{maxDelivery.Line}: maxDeliveryCount resolves to {bound}, expected 1..100.");
    }

    [Fact]
    public void Queue_Name_IsSimulationJobs()
    {
        var set = InfraSet.Repository;
        var (file, queue) = set.SingleOfType("Microsoft.ServiceBus/namespaces/queues");
        var name = queue.Body.Get("name")!.Text;
        var value = BicepScanner.Unquote(file.LiteralOrDefault(name) ?? string.Empty);
        Assert.True(value == "simulation-jobs", $"{file.RelativePath}:{queue.Line}: the queue is named {value ?? name}, expected 'simulation-jobs'.");
    }

    [Fact]
    public void Namespace_LocalAuth_IsDisabledOnADuplicateDetectingTier()
    {
        var (file, ns) = InfraSet.Repository.SingleOfType("Microsoft.ServiceBus/namespaces");
        Assert.True(ns.Properties?.Get("disableLocalAuth")?.Text == "true", $"{file.RelativePath}:{ns.Line}: disableLocalAuth must be true.");
        var sku = ns.Body.At("sku.name")!.Text;
        var allowed = file.Parameter(sku)?.Decorators.GetValueOrDefault("allowed") ?? sku;
        Assert.True(!allowed.Contains("Basic", StringComparison.Ordinal), $"{file.RelativePath}:{ns.Line}: the Basic tier has no duplicate detection.");
    }
}
