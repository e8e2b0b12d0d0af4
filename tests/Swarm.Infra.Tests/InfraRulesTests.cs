namespace Swarm.Infra.Tests;

/// <summary>The checks fail on broken templates (so a passing run over the repository means something).</summary>
public sealed class InfraRulesTests
{
    private const string Identity = """
        param name string
        resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
          name: name
          location: 'westeurope'
        }
        output principalId string = identity.properties.principalId
        output clientId string = identity.properties.clientId
        output notTheIdentity string = name
        """;

    private static string Rbac(string principalId = "principalId", string principalType = "ServicePrincipal", string comment = "Storage Blob Data Owner", string roleId = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b") => $$"""
        param principalId string
        var roleId = '{{roleId}}' // {{comment}}
        resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
          name: 'st'
        }
        // {{comment}}
        resource owner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
          name: guid(storage.id, {{principalId}}, roleId)
          scope: storage
          properties: {
            roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
            principalId: {{principalId}}
            principalType: '{{principalType}}'
          }
        }
        """;

    private static string MainTemplate(string principalBinding = "identity.outputs.principalId") => $$"""
        targetScope = 'subscription'
        param environmentName string
        module identity './modules/identity.bicep' = {
          name: 'identity'
          params: {
            name: 'id-${environmentName}'
          }
        }
        module rbac './modules/rbac.bicep' = {
          name: 'rbac'
          params: {
            principalId: {{principalBinding}}
          }
        }
        """;

    [Fact]
    public void RoleAssignments_PrincipalFromIdentityModule_HasNoFindings()
    {
        var set = Set(MainTemplate(), Rbac());

        Assert.Empty(InfraRules.RoleAssignments(set));
    }

    [Theory]
    [InlineData("'00000000-0000-0000-0000-000000000001'", "not traced to a user-assigned identity")]
    [InlineData("identity.outputs.notTheIdentity", "not traced to a user-assigned identity")]
    [InlineData("deployer().objectId", "not traced to a user-assigned identity")]
    public void RoleAssignments_PrincipalNotFromIdentity_IsReportedWithFileAndLine(string binding, string expected)
    {
        var findings = InfraRules.RoleAssignments(Set(MainTemplate(binding), Rbac()));

        var finding = Assert.Single(findings);
        Assert.Equal("infra/bicep/modules/rbac.bicep", finding.File);
        Assert.Equal(7, finding.Line);
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleAssignments_UserPrincipalType_IsReported()
    {
        var finding = Assert.Single(InfraRules.RoleAssignments(Set(MainTemplate(), Rbac(principalType: "User"))));

        Assert.Contains("ServicePrincipal", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleAssignments_UnknownRoleOrWrongComment_AreReported()
    {
        var unknown = Assert.Single(InfraRules.RoleAssignments(Set(MainTemplate(), Rbac(roleId: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"))));
        var misnamed = Assert.Single(InfraRules.RoleAssignments(Set(MainTemplate(), Rbac(comment: "Storage Blob Data Reader"))));

        Assert.Contains("not one of the built-in roles", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("does not name its role 'Storage Blob Data Owner'", misnamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterFile_UndeclaredAndUnsuppliedParameters_AreReported()
    {
        var set = InfraSet.FromTexts(new Dictionary<string, string>
        {
            [InfraSet.MainPath] = "param environmentName string\nparam location string\nparam optional string = ''\n",
            [InfraSet.ParametersPath] = "{\n  \"parameters\": {\n    \"environmentName\": { \"value\": \"${AZURE_ENV_NAME}\" },\n    \"locaiton\": { \"value\": \"${AZURE_LOCATION}\" }\n  }\n}\n",
        });

        var findings = InfraRules.ParameterFile(set);

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.File == InfraSet.ParametersPath && f.Line == 4 && f.Message.Contains("'locaiton'", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.File == InfraSet.MainPath && f.Line == 2 && f.Message.Contains("'location'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("var c = 'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc'")]
    [InlineData("var k = storage.listKeys().keys[0].value")]
    [InlineData("var c = 'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc'")]
    [InlineData("var u = 'https://st.blob.core.windows.net/c?sv=2022-11-02&sig=abc'")]
    [InlineData("param p object = { clientSecret: 'x' }")]
    [InlineData("var s = { allowSharedKeyAccess: true }")]
    [InlineData("var s = { disableLocalAuth: false }")]
    [InlineData("@secure()\nparam adminPassword string")]
    public void Secrets_KeyOrSecret_IsReportedWithLine(string bicep)
    {
        var set = InfraSet.FromTexts(new Dictionary<string, string> { ["infra/bicep/x.bicep"] = "// header\n" + bicep + "\n" });

        var findings = InfraRules.Secrets(set);

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("infra/bicep/x.bicep", f.File));
        Assert.Contains(findings, f => f.Line >= 2);
    }

    [Fact]
    public void Secrets_IdentityBasedSettings_AreNotReported()
    {
        var set = InfraSet.FromTexts(new Dictionary<string, string>
        {
            ["infra/bicep/x.bicep"] = "var s = {\n  AzureWebJobsStorage__credential: 'managedidentity'\n  allowSharedKeyAccess: false\n  disableLocalAuth: true\n}\n",
        });

        Assert.Empty(InfraRules.Secrets(set));
    }

    [Fact]
    public void YamlMapping_Sequence_IsRejectedWithLine()
    {
        var error = Assert.Throws<FormatException>(() => YamlMapping.Parse("azure.yaml", "name: x\nservices:\n  - api\n"));

        Assert.StartsWith("azure.yaml:3:", error.Message, StringComparison.Ordinal);
    }

    private static InfraSet Set(string main, string rbac) => InfraSet.FromTexts(new Dictionary<string, string>
    {
        [InfraSet.MainPath] = main,
        ["infra/bicep/modules/identity.bicep"] = Identity,
        ["infra/bicep/modules/rbac.bicep"] = rbac,
    });
}
