namespace Swarm.Infra.Tests;

public sealed class AzureYamlTests
{
    [Fact]
    public void AzureYaml_ApiService_IsTheFunctionsProjectOnAFunctionHost()
    {
        var set = InfraSet.Repository;
        var yaml = YamlMapping.Parse(InfraSet.AzureYamlPath, set.Texts[InfraSet.AzureYamlPath]);
        var services = yaml.Mapping("services");
        Assert.True(services is not null, $"{InfraSet.AzureYamlPath}: no services.");
        Assert.True(services.Keys.SequenceEqual(["api"]), $"{InfraSet.AzureYamlPath}:{yaml.LineOf("services")}: expected the single service 'api', found {string.Join(", ", services.Keys)}.");

        var project = yaml.Scalar("services.api.project");
        Assert.True(project is not null && InfraSet.Resolve(InfraSet.AzureYamlPath, project) == "functions/Swarm.Functions", $"{InfraSet.AzureYamlPath}:{yaml.LineOf("services.api.project")}: project is '{project}', expected ./functions/Swarm.Functions.");
        Assert.True(set.Exists("functions/Swarm.Functions/Swarm.Functions.csproj"), $"{InfraSet.AzureYamlPath}:{yaml.LineOf("services.api.project")}: functions/Swarm.Functions/Swarm.Functions.csproj does not exist.");
        Assert.True(yaml.Scalar("services.api.host") == "function", $"{InfraSet.AzureYamlPath}:{yaml.LineOf("services.api.host")}: host is '{yaml.Scalar("services.api.host")}', expected 'function'.");
        Assert.True(yaml.Scalar("services.api.language") == "dotnet", $"{InfraSet.AzureYamlPath}:{yaml.LineOf("services.api.language")}: language is '{yaml.Scalar("services.api.language")}', expected 'dotnet'.");
    }

    [Fact]
    public void AzureYaml_Infra_PointsAtTheBicepFolderAndMain()
    {
        var set = InfraSet.Repository;
        var yaml = YamlMapping.Parse(InfraSet.AzureYamlPath, set.Texts[InfraSet.AzureYamlPath]);
        Assert.True(yaml.Scalar("name") is { Length: >= 2 }, $"{InfraSet.AzureYamlPath}: 'name' is required.");
        Assert.True(yaml.Scalar("infra.provider") == "bicep", $"{InfraSet.AzureYamlPath}:{yaml.LineOf("infra.provider")}: infra.provider must be 'bicep'.");
        var path = yaml.Scalar("infra.path");
        Assert.True(path == InfraSet.BicepFolder, $"{InfraSet.AzureYamlPath}:{yaml.LineOf("infra.path")}: infra.path is '{path}', expected '{InfraSet.BicepFolder}'.");
        var module = yaml.Scalar("infra.module") ?? "main";
        Assert.True(set.Exists($"{path}/{module}.bicep") && set.Exists($"{path}/{module}.parameters.json"), $"{InfraSet.AzureYamlPath}:{yaml.LineOf("infra.module")}: {path}/{module}.bicep and its .parameters.json must exist.");
    }
}
