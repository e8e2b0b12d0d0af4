namespace Swarm.Infra.Tests;

public sealed class RoleAssignmentTests
{
    [Fact]
    public void RoleAssignment_Every_IsForTheIdentityWithKnownRoleAndStableName()
    {
        var set = InfraSet.Repository;
        Assert.NotEmpty(set.ResourcesOfType("Microsoft.Authorization/roleAssignments"));
        InfraFinding.AssertNone(InfraRules.RoleAssignments(set));
    }

    [Theory]
    [InlineData("Storage Blob Data Owner", "Microsoft.Storage/storageAccounts")]
    [InlineData("Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts")]
    [InlineData("Storage Table Data Contributor", "Microsoft.Storage/storageAccounts")]
    [InlineData("Azure Service Bus Data Receiver", "Microsoft.ServiceBus/namespaces")]
    [InlineData("Monitoring Metrics Publisher", "Microsoft.Insights/components")]
    public void RoleAssignment_SpecRole_IsAssignedOnceOnItsResource(string role, string scopeType)
    {
        var set = InfraSet.Repository;
        var assigned = InfraRules.AssignedRoles(set).Where(r => r.Role == role).ToList();
        Assert.True(assigned.Count == 1, $"role '{role}' is assigned {assigned.Count} time(s) under {InfraSet.BicepFolder}: {string.Join(", ", assigned.Select(a => $"{a.File}:{a.Line}"))}");
        var file = set.Bicep[assigned[0].File];
        var resource = file.Resources.Single(r => r.Line == assigned[0].Line);
        var scope = resource.Body.Get("scope")?.Text;
        var scopeResource = scope is null ? null : file.Resource(scope);
        Assert.True(
            scopeResource?.Type == scopeType,
            $"{file.RelativePath}:{resource.Line}: '{role}' is scoped to '{scope}' ({scopeResource?.Type ?? "unknown"}), expected a {scopeType}.");
    }
}
