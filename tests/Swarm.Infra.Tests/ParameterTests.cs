namespace Swarm.Infra.Tests;

public sealed class ParameterTests
{
    [Fact]
    public void ParametersFile_EveryParameter_IsDeclaredAndEveryRequiredOneSupplied()
    {
        InfraFinding.AssertNone(InfraRules.ParameterFile(InfraSet.Repository));
    }

    [Theory]
    [InlineData("resourceGroupName")]
    [InlineData("identityName")]
    [InlineData("logAnalyticsName")]
    [InlineData("applicationInsightsName")]
    [InlineData("storageAccountName")]
    [InlineData("serviceBusNamespaceName")]
    [InlineData("appServicePlanName")]
    [InlineData("functionAppName")]
    [InlineData("deploymentContainerName")]
    [InlineData("alertNamePrefix")]
    [InlineData("actionGroupName")]
    public void Main_ResourceName_IsOverridableAndDefaultsToDerivedName(string parameter)
    {
        var main = InfraSet.Repository.Main;
        var declared = main.Parameter(parameter);
        Assert.True(declared is not null, $"{main.RelativePath}: no parameter '{parameter}' to override the name.");
        Assert.True(declared.Default == "''", $"{main.RelativePath}:{declared.Line}: '{parameter}' should default to '' (derive the name).");
        Assert.True(
            main.Text.Contains($"!empty({parameter}) ? {parameter} :", StringComparison.Ordinal),
            $"{main.RelativePath}: '{parameter}' is declared but never used as '!empty({parameter}) ? {parameter} : <derived>'.");
    }
}
