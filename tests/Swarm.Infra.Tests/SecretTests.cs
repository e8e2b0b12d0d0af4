namespace Swarm.Infra.Tests;

public sealed class SecretTests
{
    [Fact]
    public void InfraAndAzureYaml_SecretsAndKeys_AreAbsent()
    {
        var set = InfraSet.Repository;
        Assert.Contains(InfraSet.AzureYamlPath, set.Texts.Keys);
        InfraFinding.AssertNone(InfraRules.Secrets(set));
    }
}
