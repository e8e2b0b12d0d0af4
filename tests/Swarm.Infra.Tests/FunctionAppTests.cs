namespace Swarm.Infra.Tests;

public sealed class FunctionAppTests
{
    private const string SiteType = "Microsoft.Web/sites";

    [Theory]
    [InlineData("AzureWebJobsStorage__accountName", null)]
    [InlineData("AzureWebJobsStorage__credential", "managedidentity")]
    [InlineData("AzureWebJobsStorage__clientId", null)]
    [InlineData("ServiceBusConnection__fullyQualifiedNamespace", null)]
    [InlineData("ServiceBusConnection__credential", "managedidentity")]
    [InlineData("ServiceBusConnection__clientId", null)]
    [InlineData("SwarmState__tableServiceUri", null)]
    [InlineData("SwarmState__blobServiceUri", null)]
    [InlineData("SwarmState__credential", "managedidentity")]
    [InlineData("SwarmState__clientId", null)]
    [InlineData("SwarmTaskHub", null)]
    [InlineData("SwarmJobsQueue", null)]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", null)]
    [InlineData("Auth__Authority", null)]
    [InlineData("Auth__Audience", null)]
    [InlineData("SwarmBackupSchedule", null)]
    [InlineData("SwarmPurgeSchedule", null)]
    public void AppSettings_Setting_IsPresentWithExpectedValue(string name, string? expected)
    {
        var (file, settings) = AppSettings();
        var value = settings.Get(name);
        Assert.True(value is not null, $"{file.RelativePath}:{settings.Line}: app setting '{name}' is missing.");
        if (expected is not null)
        {
            Assert.True(value.AsString == expected, $"{file.RelativePath}:{value.Line}: '{name}' is {value.Text}, expected '{expected}'.");
        }
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__clientId")]
    [InlineData("ServiceBusConnection__clientId")]
    [InlineData("SwarmState__clientId")]
    public void AppSettings_ClientId_IsTheUserAssignedIdentity(string name)
    {
        var set = InfraSet.Repository;
        var (file, settings) = AppSettings();
        var value = settings.Get(name)!;
        var problem = InfraRules.IdentityOrigin(set, file, value.Text, "clientId");
        Assert.True(problem is null, $"{file.RelativePath}:{value.Line}: '{name}' = {value.Text} {problem}.");
    }

    [Fact]
    public void AppSettings_ApplicationInsightsAuthentication_UsesTheIdentity()
    {
        var set = InfraSet.Repository;
        var (file, settings) = AppSettings();
        var value = settings.Get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
        Assert.True(value is not null, $"{file.RelativePath}:{settings.Line}: APPLICATIONINSIGHTS_AUTHENTICATION_STRING is missing (local auth is off, so ingestion needs it).");
        var match = System.Text.RegularExpressions.Regex.Match(value.Text, @"^'Authorization=AAD;ClientId=\$\{(?<id>\w+)\}'$");
        Assert.True(match.Success, $"{file.RelativePath}:{value.Line}: expected 'Authorization=AAD;ClientId=${{<identity client id>}}', found {value.Text}.");
        var problem = InfraRules.IdentityOrigin(set, file, match.Groups["id"].Value, "clientId");
        Assert.True(problem is null, $"{file.RelativePath}:{value.Line}: the ClientId {problem}.");
    }

    [Theory]
    [InlineData("SwarmBackupSchedule", "0 0 3 * * *")]
    [InlineData("SwarmPurgeSchedule", "0 30 4 * * *")]
    public void AppSettings_Schedule_IsSixFieldNcrontabDefault(string name, string expected)
    {
        var (file, settings) = AppSettings();
        var value = settings.Get(name)!;
        var parameter = file.Parameter(value.Text);
        Assert.True(parameter is not null, $"{file.RelativePath}:{value.Line}: '{name}' should come from a parameter, found {value.Text}.");
        Assert.True(parameter.Default == $"'{expected}'", $"{file.RelativePath}:{parameter.Line}: '{parameter.Name}' defaults to {parameter.Default}, expected '{expected}'.");
        Assert.Equal(6, expected.Split(' ').Length);
    }

    [Fact]
    public void FunctionApp_Runtime_IsCustomHandlerOnFlexConsumption()
    {
        var set = InfraSet.Repository;
        var (file, site) = set.SingleOfType(SiteType);
        var runtime = site.Properties?.At("functionAppConfig.runtime.name");
        Assert.True(runtime?.AsString == "custom", $"{file.RelativePath}:{site.Line}: functionAppConfig.runtime.name is '{runtime?.Text}', expected 'custom' (the custom handler; Flex Consumption's form of FUNCTIONS_WORKER_RUNTIME=custom).");
        var (planFile, plan) = set.SingleOfType("Microsoft.Web/serverfarms");
        Assert.True(plan.Body.At("sku.name")?.AsString == "FC1", $"{planFile.RelativePath}:{plan.Line}: the plan SKU is {plan.Body.At("sku.name")?.Text}, expected 'FC1' (Flex Consumption).");
        Assert.True(plan.Body.At("sku.tier")?.AsString == "FlexConsumption", $"{planFile.RelativePath}:{plan.Line}: the plan tier is {plan.Body.At("sku.tier")?.Text}, expected 'FlexConsumption'.");
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME_VERSION")]
    [InlineData("FUNCTIONS_MAX_HTTP_CONCURRENCY")]
    [InlineData("WEBSITE_NODE_DEFAULT_VERSION")]
    [InlineData("AzureWebJobsStorage")]
    public void AppSettings_FlexDeprecatedOrKeyBasedSetting_IsAbsent(string name)
    {
        var (file, settings) = AppSettings();
        var value = settings.Get(name);
        Assert.True(value is null, $"{file.RelativePath}:{value?.Line}: '{name}' must not be set on a Flex Consumption app with identity-based storage.");
    }

    // "Flex Consumption plan deprecations": site properties that are invalid or moved on Flex Consumption.
    [Theory]
    [InlineData("ftpsState")]
    [InlineData("use32BitWorkerProcess")]
    [InlineData("alwaysOn")]
    [InlineData("linuxFxVersion")]
    [InlineData("windowsFxVersion")]
    [InlineData("netFrameworkVersion")]
    [InlineData("preWarmedInstanceCount")]
    [InlineData("functionAppScaleLimit")]
    [InlineData("containerSize")]
    public void FunctionApp_SiteProperty_DeprecatedOnFlex_IsAbsent(string property)
    {
        var (file, site) = InfraSet.Repository.SingleOfType(SiteType);
        var properties = site.Properties!;
        var found = properties.Get(property) ?? properties.Get("siteConfig")?.Get(property);
        Assert.True(found is null, $"{file.RelativePath}:{found?.Line}: '{property}' is deprecated or invalid on Flex Consumption.");
    }

    [Fact]
    public void FunctionApp_DeploymentStorage_UsesTheUserAssignedIdentity()
    {
        var set = InfraSet.Repository;
        var (file, site) = set.SingleOfType(SiteType);
        var storage = site.Properties?.At("functionAppConfig.deployment.storage");
        Assert.True(storage is { IsObject: true }, $"{file.RelativePath}:{site.Line}: functionAppConfig.deployment.storage is missing.");
        Assert.Equal("blobContainer", storage.Get("type")?.AsString);
        var authentication = storage.Get("authentication");
        Assert.True(authentication?.Get("type")?.AsString == "UserAssignedIdentity", $"{file.RelativePath}:{storage.Line}: deployment storage authentication is {authentication?.Text}, expected UserAssignedIdentity.");
        var identity = authentication!.Get("userAssignedIdentityResourceId")?.Text;
        Assert.True(identity is not null && site.Body.At("identity.type")?.AsString == "UserAssigned", $"{file.RelativePath}:{site.Line}: the app must run as the user-assigned identity.");
    }

    [Fact]
    public void FunctionApp_Tags_NameTheAzdEnvironmentAndService()
    {
        var set = InfraSet.Repository;
        var (file, site) = set.SingleOfType(SiteType);
        var tags = site.Body.Get("tags")?.Text ?? string.Empty;
        Assert.True(tags.Contains("'azd-service-name': serviceName", StringComparison.Ordinal), $"{file.RelativePath}:{site.Line}: tags are {tags}, expected the azd-service-name tag.");
        var caller = set.CallersOf(file).Single();
        var serviceName = caller.Module.Parameters.FirstOrDefault(p => p.Key == "serviceName")?.Value.AsString ?? BicepScanner.Unquote(file.LiteralOrDefault("serviceName") ?? string.Empty);
        Assert.True(serviceName == "api", $"{caller.File.RelativePath}:{caller.Module.Line}: the function app's azd-service-name is '{serviceName}', expected 'api' (the service in azure.yaml).");
        Assert.True(set.Main.Variables.TryGetValue("tags", out var mainTags) && mainTags.Text.Contains("'azd-env-name': environmentName", StringComparison.Ordinal), $"{set.Main.RelativePath}: the tags variable must carry 'azd-env-name'.");
    }

    private static (BicepFile File, BicepValue Settings) AppSettings()
    {
        var set = InfraSet.Repository;
        var configs = set.ResourcesOfType("Microsoft.Web/sites/config").Where(c => c.Resource.Body.Get("name")?.AsString == "appsettings").ToList();
        Assert.True(configs.Count == 1, $"expected one Microsoft.Web/sites/config 'appsettings' under {InfraSet.BicepFolder}, found {configs.Count}.");
        var (file, config) = configs[0];
        var settings = config.Properties;
        Assert.True(settings is { IsObject: true }, $"{file.RelativePath}:{config.Line}: the appsettings resource has no properties object.");
        return (file, settings);
    }
}
