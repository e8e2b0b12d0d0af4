using System.Text.Json;
using System.Text.RegularExpressions;

namespace Swarm.Infra.Tests;

/// <summary>The checks the tests run over an <see cref="InfraSet"/>; each returns its findings, empty when all is well.</summary>
internal static partial class InfraRules
{
    private const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";
    private const string IdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";

    /// <summary>Every parameter of <c>main.parameters.json</c> is declared in <c>main.bicep</c>, and every required one is supplied.</summary>
    public static List<InfraFinding> ParameterFile(InfraSet set)
    {
        var findings = new List<InfraFinding>();
        if (!set.Texts.TryGetValue(InfraSet.ParametersPath, out var json))
        {
            findings.Add(new(InfraSet.ParametersPath, 0, "the parameter file is missing."));
            return findings;
        }

        var main = set.Main;
        var supplied = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                findings.Add(new(InfraSet.ParametersPath, 1, "no 'parameters' object."));
                return findings;
            }

            foreach (var parameter in parameters.EnumerateObject())
            {
                supplied.Add(parameter.Name);
                if (main.Parameter(parameter.Name) is null)
                {
                    findings.Add(new(InfraSet.ParametersPath, LineIn(json, $"\"{parameter.Name}\""), $"parameter '{parameter.Name}' is not declared in {main.RelativePath}."));
                }
                else if (!parameter.Value.TryGetProperty("value", out _) && !parameter.Value.TryGetProperty("reference", out _))
                {
                    findings.Add(new(InfraSet.ParametersPath, LineIn(json, $"\"{parameter.Name}\""), $"parameter '{parameter.Name}' has neither 'value' nor 'reference'."));
                }
            }
        }
        catch (JsonException e)
        {
            findings.Add(new(InfraSet.ParametersPath, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON: {e.Message}"));
            return findings;
        }

        foreach (var required in main.Parameters.Where(p => p.IsRequired && !supplied.Contains(p.Name)))
        {
            findings.Add(new(main.RelativePath, required.Line, $"required parameter '{required.Name}' has no default and is not supplied by {InfraSet.ParametersPath}."));
        }

        return findings;
    }

    /// <summary>No key, secret, SAS or key-returning function appears in any file of the set, and no parameter is <c>@secure()</c>.</summary>
    public static List<InfraFinding> Secrets(InfraSet set)
    {
        var findings = new List<InfraFinding>();
        foreach (var (path, text) in set.Texts)
        {
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var n = 0; n < lines.Length; n++)
            {
                foreach (var (pattern, reason) in SecretPatterns)
                {
                    if (pattern.Match(lines[n]) is { Success: true } match)
                    {
                        findings.Add(new(path, n + 1, $"{reason}: '{match.Value}'."));
                    }
                }
            }
        }

        foreach (var file in set.Bicep.Values)
        {
            foreach (var parameter in file.Parameters.Where(p => p.Decorators.ContainsKey("secure")))
            {
                findings.Add(new(file.RelativePath, parameter.Line, $"parameter '{parameter.Name}' is @secure(): nothing secret may be passed into these templates."));
            }

            foreach (var output in file.Outputs.Where(o => SecretFunctionPattern().IsMatch(o.Value.Text)))
            {
                findings.Add(new(file.RelativePath, output.Value.Line, $"output '{output.Key}' returns a key."));
            }
        }

        return findings;
    }

    /// <summary>
    /// Every role assignment is for the user-assigned identity (a <c>principalId</c> traced back to a
    /// <c>userAssignedIdentities</c> resource), with principal type <c>ServicePrincipal</c>, a known built-in role
    /// named in the comment above it, and the name <c>guid(scope.id, principalId, roleId)</c>.
    /// </summary>
    public static List<InfraFinding> RoleAssignments(InfraSet set)
    {
        var findings = new List<InfraFinding>();
        foreach (var file in set.Bicep.Values)
        {
            foreach (var assignment in file.Resources.Where(r => r.Type == RoleAssignmentType && !r.IsExisting))
            {
                void Report(string message) => findings.Add(new(file.RelativePath, assignment.Line, $"role assignment '{assignment.Symbol}': {message}"));

                var properties = assignment.Properties;
                if (properties is not { IsObject: true })
                {
                    Report("has no properties object.");
                    continue;
                }

                var principal = properties.Get("principalId");
                if (principal is null)
                {
                    Report("has no principalId.");
                }
                else if (IdentityOrigin(set, file, principal.Text, "principalId") is { } problem)
                {
                    Report($"principalId '{principal.Text}' {problem}.");
                }

                if (properties.Get("principalType")?.AsString != "ServicePrincipal")
                {
                    Report($"principalType is '{properties.Get("principalType")?.Text}', not 'ServicePrincipal'.");
                }

                var role = RoleId(file, properties.Get("roleDefinitionId")?.Text);
                if (role.Id is null)
                {
                    Report($"roleDefinitionId '{properties.Get("roleDefinitionId")?.Text}' is not subscriptionResourceId('Microsoft.Authorization/roleDefinitions', <built-in role id>).");
                }
                else if (!BuiltInRoles.Names.TryGetValue(role.Id, out var roleName))
                {
                    Report($"role id {role.Id} is not one of the built-in roles this app needs.");
                }
                else if (!assignment.CommentAbove.Contains(roleName, StringComparison.Ordinal))
                {
                    Report($"the comment above it does not name its role '{roleName}'.");
                }

                var scope = assignment.Body.Get("scope")?.Text;
                var expectedName = $"guid({scope}.id, {principal?.Text}, {role.Argument})";
                if (scope is null || Squash(assignment.Body.Get("name")?.Text) != Squash(expectedName))
                {
                    Report($"name is '{assignment.Body.Get("name")?.Text}', expected '{expectedName}'.");
                }
            }
        }

        return findings;
    }

    /// <summary>The role names assigned anywhere in the set, with the file and line of each assignment.</summary>
    public static List<(string Role, string File, int Line)> AssignedRoles(InfraSet set) =>
        [.. set.Bicep.Values.SelectMany(f => f.Resources
            .Where(r => r.Type == RoleAssignmentType && !r.IsExisting)
            .Select(r => (Id: RoleId(f, r.Properties?.Get("roleDefinitionId")?.Text).Id, f.RelativePath, r.Line))
            .Where(x => x.Id is not null && BuiltInRoles.Names.ContainsKey(x.Id))
            .Select(x => (BuiltInRoles.Names[x.Id!], x.RelativePath, x.Line)))];

    /// <summary>
    /// Why <paramref name="expression"/> in <paramref name="file"/> is not the user-assigned identity's
    /// <paramref name="property"/> (<c>principalId</c> or <c>clientId</c>), or <see langword="null"/> when it is.
    /// A parameter is followed to every module statement that sets it.
    /// </summary>
    public static string? IdentityOrigin(InfraSet set, BicepFile file, string expression, string property, int depth = 0)
    {
        var text = expression.Trim();
        if (depth > 8)
        {
            return "is bound through too many modules to follow";
        }

        // <identity>.properties.<property> on a user-assigned identity declared in the same file.
        var direct = Regex.Match(text, $@"^(\w+)\.properties\.{property}$");
        if (direct.Success)
        {
            return file.Resource(direct.Groups[1].Value)?.Type == IdentityType
                ? null
                : $"reads '{direct.Groups[1].Value}', which is not a {IdentityType} resource";
        }

        // <module>.outputs.<output>: the output of the module's file must itself come from an identity.
        var fromModule = Regex.Match(text, @"^(\w+)\.outputs\.(\w+)$");
        if (fromModule.Success)
        {
            var module = file.Modules.FirstOrDefault(m => m.Symbol == fromModule.Groups[1].Value);
            var target = module is null ? null : set.BicepAt(InfraSet.Resolve(file.RelativePath, module.Path));
            if (target is null || !target.Outputs.TryGetValue(fromModule.Groups[2].Value, out var output))
            {
                return $"reads an output that {file.RelativePath} cannot resolve";
            }

            return IdentityOrigin(set, target, output.Text, property, depth + 1);
        }

        // A parameter: every caller must bind it to the identity.
        if (Regex.IsMatch(text, @"^\w+$") && file.Parameter(text) is not null)
        {
            var callers = set.CallersOf(file).ToList();
            if (callers.Count == 0)
            {
                return $"is parameter '{text}', which no module statement sets";
            }

            foreach (var (callerFile, module) in callers)
            {
                var bound = module.Parameters.FirstOrDefault(p => p.Key == text);
                if (bound is null)
                {
                    return $"is parameter '{text}', which module '{module.Symbol}' ({callerFile.RelativePath}:{module.Line}) does not set";
                }

                if (IdentityOrigin(set, callerFile, bound.Value.Text, property, depth + 1) is { } problem)
                {
                    return $"is bound at {callerFile.RelativePath}:{bound.Line} to '{bound.Value.Text}', which {problem}";
                }
            }

            return null;
        }

        return "is not traced to a user-assigned identity";
    }

    /// <summary>The role id of a <c>roleDefinitionId</c> expression (resolving a variable), and the argument as written.</summary>
    private static (string? Id, string? Argument) RoleId(BicepFile file, string? expression)
    {
        if (expression is null)
        {
            return (null, null);
        }

        var match = Regex.Match(expression, @"^subscriptionResourceId\(\s*'Microsoft\.Authorization/roleDefinitions'\s*,\s*(?<arg>.+?)\s*\)$");
        if (!match.Success)
        {
            return (null, null);
        }

        var argument = match.Groups["arg"].Value;
        var literal = BicepScanner.Unquote(argument) ?? (file.Variables.TryGetValue(argument, out var variable) ? variable.AsString : null);
        return (literal is not null && Guid.TryParse(literal, out _) ? literal.ToLowerInvariant() : null, argument);
    }

    private static string? Squash(string? text) => text is null ? null : Regex.Replace(text, @"\s+", string.Empty);

    private static int LineIn(string text, string fragment)
    {
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        return index < 0 ? 0 : text[..index].Count(c => c == '\n') + 1;
    }

    private static readonly (Regex Pattern, string Reason)[] SecretPatterns =
    [
        (new Regex(@"AccountKey\s*=", RegexOptions.IgnoreCase), "storage connection string with an account key"),
        (SecretFunctionPattern(), "a function that returns keys or connection strings"),
        (new Regex(@"SharedAccess(Key|Signature)", RegexOptions.IgnoreCase), "a shared access key or signature"),
        (new Regex(@"[?&;]sig=", RegexOptions.IgnoreCase), "a SAS token"),
        (new Regex(@"\b\w*(password|secret|primaryKey|secondaryKey|accessKey)\w*\s*:", RegexOptions.IgnoreCase), "a secret-valued property"),
        (new Regex(@"[A-Za-z0-9+/]{86}==", RegexOptions.None), "what looks like a storage account key"),
        (new Regex(@"allowSharedKeyAccess\s*:\s*true", RegexOptions.IgnoreCase), "shared-key access turned on"),
        (new Regex(@"disableLocalAuth\s*:\s*false", RegexOptions.IgnoreCase), "local (key) authentication turned on"),
    ];

    [GeneratedRegex(@"\blist(Keys|AccountSas|ServiceSas|ConnectionStrings|Secrets|Credentials)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex SecretFunctionPattern();
}
