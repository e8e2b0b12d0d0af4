using System.Text.Json;

namespace Swarm.Infra.Tests;

/// <summary>infra/bicep builds and lints with the real Bicep compiler, without one error or warning.</summary>
public sealed class BicepCompilerTests
{
    [Fact]
    public async Task Build_MainTemplate_CompilesToArmJsonWithoutDiagnostics()
    {
        var (exitCode, json, diagnostics) = await BicepCompiler.RunAsync("build", InfraSet.MainPath, "--stdout");

        Assert.True(exitCode == 0 && diagnostics.Length == 0, $"bicep build exited {exitCode}:\n{diagnostics}");
        using var template = JsonDocument.Parse(json);
        Assert.Contains("subscriptionDeploymentTemplate", template.RootElement.GetProperty("$schema").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_EveryTemplate_ReportsNothing()
    {
        var (exitCode, _, diagnostics) = await BicepCompiler.RunAsync("lint", "--pattern", InfraSet.BicepFolder + "/**/*.bicep");

        // The linter exits 0 with warnings; any line it writes is a finding.
        Assert.True(exitCode == 0 && diagnostics.Length == 0, $"bicep lint exited {exitCode}:\n{diagnostics}");
    }
}
