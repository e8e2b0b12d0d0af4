namespace Swarm.Infra.Tests;

public sealed class ModuleTests
{
    // Module paths and the parameters modules pass are the compiler's to check (BicepCompilerTests).

    [Fact]
    public void BicepFiles_EveryFile_IsReachableFromMain()
    {
        var set = InfraSet.Repository;
        var reached = new HashSet<string>(StringComparer.Ordinal) { set.Main.RelativePath };
        var pending = new Queue<BicepFile>([set.Main]);
        while (pending.TryDequeue(out var file))
        {
            foreach (var module in file.Modules)
            {
                var target = InfraSet.Resolve(file.RelativePath, module.Path);
                if (set.BicepAt(target) is { } next && reached.Add(target))
                {
                    pending.Enqueue(next);
                }
            }
        }

        var orphans = set.Bicep.Keys.Where(k => !reached.Contains(k)).Select(k => new InfraFinding(k, 0, $"not used by {set.Main.RelativePath} or its modules.")).ToList();
        InfraFinding.AssertNone(orphans);
    }

    [Fact]
    public void Main_TargetScope_IsSubscriptionWithAResourceGroup()
    {
        var main = InfraSet.Repository.Main;
        Assert.True(main.Text.Contains("targetScope = 'subscription'", StringComparison.Ordinal), $"{main.RelativePath}: targetScope must be 'subscription'.");
        Assert.True(
            main.Resources.Any(r => r.Type == "Microsoft.Resources/resourceGroups"),
            $"{main.RelativePath}: no Microsoft.Resources/resourceGroups resource.");
        var unscoped = main.Modules.Where(m => m.Body.Get("scope") is null).Select(m => new InfraFinding(main.RelativePath, m.Line, $"module '{m.Symbol}' has no scope (it would deploy at subscription scope)."));
        InfraFinding.AssertNone([.. unscoped]);
    }

    [Fact]
    public void Main_ResourceToken_IsDerivedFromSubscriptionEnvironmentAndLocation()
    {
        var main = InfraSet.Repository.Main;
        Assert.True(main.Variables.TryGetValue("resourceToken", out var token), $"{main.RelativePath}: no 'resourceToken' variable.");
        Assert.Equal("toLower(uniqueString(subscription().id, environmentName, location))", token.Text);
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("SERVICE_API_NAME")]
    [InlineData("SERVICE_API_URI")]
    [InlineData("AZURE_SERVICEBUS_NAMESPACE")]
    [InlineData("AZURE_SERVICEBUS_QUEUE")]
    [InlineData("AZURE_STORAGE_BLOB_ENDPOINT")]
    [InlineData("AZURE_STORAGE_TABLE_ENDPOINT")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    public void Main_Output_ThatAzdAndTheDocsUse_IsDeclared(string output)
    {
        var main = InfraSet.Repository.Main;
        Assert.True(main.Outputs.ContainsKey(output), $"{main.RelativePath}: no output '{output}' (docs/azure.md and azd rely on it).");
    }
}
