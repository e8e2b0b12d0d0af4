namespace Swarm.Infra.Tests;

public sealed class MonitoringTests
{
    [Fact]
    public void ApplicationInsights_LocalAuth_IsDisabledAndWorkspaceBased()
    {
        var (file, component) = InfraSet.Repository.SingleOfType("Microsoft.Insights/components");
        var properties = component.Properties!;
        Assert.True(properties.Get("DisableLocalAuth")?.Text == "true", $"{file.RelativePath}:{component.Line}: DisableLocalAuth must be true.");
        Assert.True(properties.Get("WorkspaceResourceId") is not null, $"{file.RelativePath}:{component.Line}: Application Insights must be workspace-based.");
    }

    [Fact]
    public void LogAnalytics_LocalAuth_IsDisabled()
    {
        var (file, workspace) = InfraSet.Repository.SingleOfType("Microsoft.OperationalInsights/workspaces");
        Assert.True(workspace.Properties?.At("features.disableLocalAuth")?.Text == "true", $"{file.RelativePath}:{workspace.Line}: features.disableLocalAuth must be true.");
    }

    [Fact]
    public void AlertRules_Count_IsFive()
    {
        var set = InfraSet.Repository;
        var rules = set.ResourcesOfType("Microsoft.Insights/scheduledQueryRules").Concat(set.ResourcesOfType("Microsoft.Insights/metricAlerts")).ToList();
        Assert.True(rules.Count == 5, $"expected 5 alert rules, found {rules.Count}: {string.Join(", ", rules.Select(r => $"{r.File.RelativePath}:{r.Resource.Line} {r.Resource.Symbol}"))}");
        foreach (var (file, rule) in rules)
        {
            Assert.True(rule.Properties?.Get("enabled")?.Text == "true", $"{file.RelativePath}:{rule.Line}: alert '{rule.Symbol}' is not enabled.");
        }
    }

    [Theory]
    [InlineData("failedOrchestrationsAlert", "GreaterThan", "0", "prop__state == \"Failed\"")]
    [InlineData("http5xxAlert", "GreaterThan", "http5xxPercentThreshold", "toint(resultCode) >= 500")]
    [InlineData("latencyAlert", "GreaterThan", "latencyP95ThresholdMs", "percentile(duration, 95)")]
    [InlineData("deadLetterAlert", "GreaterThan", "0", "DeadletteredMessages")]
    [InlineData("backupMissingAlert", "LessThan", "1", "prop__state == \"Completed\"")]
    public void AlertRule_Criterion_MatchesTheRunbook(string symbol, string expectedOperator, string expectedThreshold, string evidence)
    {
        var set = InfraSet.Repository;
        var found = set.Bicep.Values.Select(f => (File: f, Rule: f.Resource(symbol))).FirstOrDefault(x => x.Rule is not null);
        Assert.True(found.Rule is not null, $"no alert rule '{symbol}' under {InfraSet.BicepFolder}.");
        var (file, rule) = (found.File, found.Rule);
        var criterion = rule.Properties?.At("criteria.allOf")?.Items().Single();
        Assert.True(criterion is { IsObject: true }, $"{file.RelativePath}:{rule.Line}: '{symbol}' needs exactly one criterion.");
        Assert.True(criterion.Get("operator")?.AsString == expectedOperator, $"{file.RelativePath}:{criterion.Line}: operator is {criterion.Get("operator")?.Text}, expected '{expectedOperator}'.");
        Assert.True(criterion.Get("threshold")?.Text == expectedThreshold, $"{file.RelativePath}:{criterion.Line}: threshold is {criterion.Get("threshold")?.Text}, expected {expectedThreshold}.");

        // The query (inline or through a variable) or the metric name must say what the rule watches.
        var watched = criterion.Get("query") is { } query
            ? query.AsString ?? (file.Variables.TryGetValue(query.Text, out var variable) ? variable.Text : query.Text)
            : criterion.Get("metricName")?.AsString ?? string.Empty;
        Assert.True(watched.Contains(evidence, StringComparison.Ordinal), $"{file.RelativePath}:{criterion.Line}: '{symbol}' does not watch '{evidence}'.");
    }

    [Theory]
    [InlineData("http5xxPercentThreshold", "5")]
    [InlineData("latencyP95ThresholdMs", "2000")]
    [InlineData("backupMaxAgeHours", "26")]
    public void AlertThreshold_Default_MatchesTheRunbook(string parameter, string expected)
    {
        var file = InfraSet.Repository.Bicep.Values.Single(f => f.Resource("deadLetterAlert") is not null);
        var declared = file.Parameter(parameter);
        Assert.True(declared?.Default == expected, $"{file.RelativePath}:{declared?.Line}: '{parameter}' defaults to {declared?.Default}, expected {expected}.");
    }

    [Fact]
    public void BackupAlert_Window_CoversTheMaximumAge()
    {
        var file = InfraSet.Repository.Bicep.Values.Single(f => f.Resource("backupMissingAlert") is not null);
        var rule = file.Resource("backupMissingAlert")!;
        var window = System.Xml.XmlConvert.ToTimeSpan(rule.Properties!.Get("windowSize")!.AsString!);
        var maxAge = TimeSpan.FromHours(int.Parse(file.Parameter("backupMaxAgeHours")!.Default!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(window >= maxAge, $"{file.RelativePath}:{rule.Line}: windowSize {window} is shorter than the {maxAge} the query looks back.");
        Assert.True(file.Variables["backupQuery"].Text.Contains("ago(maxAge)", StringComparison.Ordinal), $"{file.RelativePath}: the backup query must look back maxAge.");
    }
}
