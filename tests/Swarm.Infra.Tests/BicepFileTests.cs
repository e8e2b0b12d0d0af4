namespace Swarm.Infra.Tests;

public sealed class BicepFileTests
{
    [Fact]
    public void Parse_BraceInsideInterpolatedString_DoesNotCloseTheBody()
    {
        var file = BicepFile.Parse("x.bicep", """
            resource site 'Microsoft.Web/sites@2024-04-01' = {
              name: '${take('a}b', 3)}-{x}'
              properties: {
                httpsOnly: true
              }
            }
            """);

        var site = Assert.Single(file.Resources);
        Assert.Equal("true", site.Properties!.Get("httpsOnly")!.Text);
        Assert.Equal("'${take('a}b', 3)}-{x}'", site.Body.Get("name")!.Text);
    }

    [Fact]
    public void Parse_CommentMarkersInsideStrings_AreKeptAndRealCommentsIgnored()
    {
        var file = BicepFile.Parse("x.bicep", """
            // param hidden string
            var url = 'https://example.org/a' /* trailing */
            /*
            param alsoHidden string
            */
            param shown string
            """);

        Assert.Equal("'https://example.org/a'", file.Variables["url"].Text);
        Assert.Equal(["shown"], file.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Parse_DecoratorsAndDefaults_AreAttachedToTheirParameter()
    {
        var file = BicepFile.Parse("x.bicep", """
            @secure()
            param token string

            @allowed([
              'Standard_GRS'
              'Standard_RAGRS'
            ])
            @description('Replication.')
            param sku string = 'Standard_GRS'

            param optional string?
            """);

        Assert.True(file.Parameter("token")!.Decorators.ContainsKey("secure"));
        Assert.True(file.Parameter("token")!.IsRequired);
        Assert.Contains("'Standard_RAGRS'", file.Parameter("sku")!.Decorators["allowed"], StringComparison.Ordinal);
        Assert.False(file.Parameter("sku")!.Decorators.ContainsKey("secure"));
        Assert.Equal("'Standard_GRS'", file.Parameter("sku")!.Default);
        Assert.False(file.Parameter("optional")!.IsRequired);
    }

    [Fact]
    public void Parse_MultiLineStringWithQuotes_IsOneValue()
    {
        var file = BicepFile.Parse("x.bicep", """
            var query = '''
            requests | where name == 'x' // not a comment
            '''
            output o string = query
            """);

        Assert.Contains("// not a comment", file.Variables["query"].Text, StringComparison.Ordinal);
        Assert.Equal("query", file.Outputs["o"].Text);
    }

    [Fact]
    public void Parse_LinesOfDeclarations_AreReported()
    {
        var file = BicepFile.Parse("x.bicep", "targetScope = 'subscription'\n\nmodule m './m.bicep' = {\n  name: 'm'\n}\n");

        Assert.Equal(3, Assert.Single(file.Modules).Line);
    }

    [Fact]
    public void Parse_UnknownTopLevelText_FailsWithFileAndLine()
    {
        var error = Assert.Throws<FormatException>(() => BicepFile.Parse("infra/x.bicep", "param a string\nwhatever is this\n"));

        Assert.StartsWith("infra/x.bicep:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StrayClosingBrace_FailsWithFileAndLine()
    {
        var error = Assert.Throws<FormatException>(() => BicepFile.Parse("infra/x.bicep", "param a string\n}\n"));

        Assert.StartsWith("infra/x.bicep:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedBrace_FailsWithFileAndLine()
    {
        var error = Assert.Throws<FormatException>(() => BicepFile.Parse("infra/x.bicep", "param a string\nresource r 'A/b@1' = {\n  name: 'x'\n"));

        Assert.StartsWith("infra/x.bicep:2:", error.Message, StringComparison.Ordinal);
    }
}
