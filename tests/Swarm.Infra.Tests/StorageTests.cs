namespace Swarm.Infra.Tests;

public sealed class StorageTests
{
    [Fact]
    public void StorageAccount_SharedKeyAccess_IsDisabled()
    {
        var (file, storage) = InfraSet.Repository.SingleOfType("Microsoft.Storage/storageAccounts");
        var properties = storage.Properties!;
        Assert.True(properties.Get("allowSharedKeyAccess")?.Text == "false", $"{file.RelativePath}:{storage.Line}: allowSharedKeyAccess must be false.");
        Assert.True(properties.Get("allowBlobPublicAccess")?.Text == "false", $"{file.RelativePath}:{storage.Line}: allowBlobPublicAccess must be false.");
        Assert.True(properties.Get("defaultToOAuthAuthentication")?.Text == "true", $"{file.RelativePath}:{storage.Line}: defaultToOAuthAuthentication must be true.");
    }

    [Fact]
    public void BlobService_SoftDeleteAndVersioning_AreEnabled()
    {
        var (file, blobs) = InfraSet.Repository.SingleOfType("Microsoft.Storage/storageAccounts/blobServices");
        var properties = blobs.Properties!;
        Assert.True(properties.Get("isVersioningEnabled")?.Text == "true", $"{file.RelativePath}:{blobs.Line}: isVersioningEnabled must be true.");
        Assert.True(properties.At("deleteRetentionPolicy.enabled")?.Text == "true", $"{file.RelativePath}:{blobs.Line}: deleteRetentionPolicy.enabled must be true (blob soft delete).");
        Assert.True(properties.At("containerDeleteRetentionPolicy.enabled")?.Text == "true", $"{file.RelativePath}:{blobs.Line}: containerDeleteRetentionPolicy.enabled must be true.");
        Assert.NotNull(properties.At("deleteRetentionPolicy.days"));
    }

    [Fact]
    public void StorageAccount_Sku_IsGeoRedundantWhateverIsChosen()
    {
        var set = InfraSet.Repository;
        var (file, storage) = set.SingleOfType("Microsoft.Storage/storageAccounts");
        var sku = storage.Body.At("sku.name");
        Assert.True(sku is not null, $"{file.RelativePath}:{storage.Line}: no sku.name.");
        var choices = Choices(file, sku.Text);
        Assert.True(choices.Count > 0 && choices.All(IsGeoRedundant), $"{file.RelativePath}:{sku.Line}: sku.name can be {string.Join(", ", choices)}; every choice must be geo-redundant (GRS/GZRS).");

        // The entry template passes its own parameter through; it must be geo-redundant too.
        foreach (var (caller, module) in set.CallersOf(file))
        {
            var passed = module.Parameters.FirstOrDefault(p => p.Key == sku.Text);
            if (passed is not null)
            {
                var passedChoices = Choices(caller, passed.Value.Text);
                Assert.True(passedChoices.Count > 0 && passedChoices.All(IsGeoRedundant), $"{caller.RelativePath}:{passed.Line}: {sku.Text} can be {string.Join(", ", passedChoices)}; every choice must be geo-redundant.");
            }
        }
    }

    [Fact]
    public void BlobContainers_BackupAndDeployment_AreDeclaredPrivate()
    {
        var containers = InfraSet.Repository.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.True(containers.Count >= 2, $"expected the deployment-package and backups containers, found {containers.Count}.");
        foreach (var (file, container) in containers)
        {
            Assert.True(container.Properties?.Get("publicAccess")?.AsString == "None", $"{file.RelativePath}:{container.Line}: container '{container.Symbol}' must have publicAccess 'None'.");
        }
    }

    private static bool IsGeoRedundant(string sku) => sku.Contains("GRS", StringComparison.Ordinal) || sku.Contains("GZRS", StringComparison.Ordinal);

    private static List<string> Choices(BicepFile file, string expression)
    {
        if (BicepScanner.Unquote(expression) is { } literal)
        {
            return [literal];
        }

        if (file.Parameter(expression) is not { } parameter)
        {
            return [];
        }

        if (parameter.Decorators.TryGetValue("allowed", out var allowed))
        {
            return [.. System.Text.RegularExpressions.Regex.Matches(allowed, @"'([^']*)'").Select(m => m.Groups[1].Value)];
        }

        // Without @allowed any value could be passed; only the default can be judged, so report it alone.
        return parameter.Default is { } value && BicepScanner.Unquote(value) is { } d ? [d, "<any value: add @allowed>"] : [];
    }
}
