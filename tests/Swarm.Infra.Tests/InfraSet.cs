using Swarm.Testing;

namespace Swarm.Infra.Tests;

/// <summary>The Bicep files of <c>infra/bicep</c> plus <c>main.parameters.json</c> and <c>azure.yaml</c>, parsed once.</summary>
internal sealed class InfraSet
{
    /// <summary>Folder of the Bicep templates, relative to the repository root.</summary>
    public const string BicepFolder = "infra/bicep";

    /// <summary>The entry template.</summary>
    public const string MainPath = BicepFolder + "/main.bicep";

    /// <summary>The parameter file azd passes with the entry template.</summary>
    public const string ParametersPath = BicepFolder + "/main.parameters.json";

    /// <summary>The azd project file.</summary>
    public const string AzureYamlPath = "azure.yaml";

    private static readonly Lazy<InfraSet> s_repository = new(LoadRepository);

    private readonly Func<string, bool> _exists;

    private InfraSet(IReadOnlyDictionary<string, string> texts, Func<string, bool> exists)
    {
        _exists = exists;
        Texts = texts;
        Bicep = texts.Where(t => t.Key.EndsWith(".bicep", StringComparison.Ordinal))
            .ToDictionary(t => t.Key, t => BicepFile.Parse(t.Key, t.Value), StringComparer.Ordinal);
    }

    /// <summary>The repository's own infrastructure files.</summary>
    public static InfraSet Repository => s_repository.Value;

    /// <summary>Every file's text by path relative to the repository root.</summary>
    public IReadOnlyDictionary<string, string> Texts { get; }

    /// <summary>The parsed Bicep files by relative path.</summary>
    public IReadOnlyDictionary<string, BicepFile> Bicep { get; }

    /// <summary>The entry template.</summary>
    public BicepFile Main => Bicep.TryGetValue(MainPath, out var main) ? main : throw new InvalidOperationException($"{MainPath} is missing.");

    /// <summary>A set made of in-memory files (paths relative to a repository root); only they exist.</summary>
    public static InfraSet FromTexts(IReadOnlyDictionary<string, string> texts) =>
        new(texts, path => texts.ContainsKey(path) || texts.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal)));

    /// <summary>Whether a file or folder exists at <paramref name="relativePath"/>.</summary>
    public bool Exists(string relativePath) => _exists(relativePath);

    /// <summary>The Bicep file at <paramref name="relativePath"/>, or <see langword="null"/>.</summary>
    public BicepFile? BicepAt(string relativePath) => Bicep.GetValueOrDefault(relativePath);

    /// <summary>Resolves a path written in <paramref name="from"/> (relative to its folder) to a repository-relative path.</summary>
    public static string Resolve(string from, string path)
    {
        var parts = new List<string>(from.Split('/')[..^1]);
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    break;
                case "..":
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }

                    break;
                default:
                    parts.Add(part);
                    break;
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>Every deployed (not <c>existing</c>) resource of <paramref name="type"/>, with its file.</summary>
    public IReadOnlyList<(BicepFile File, BicepResource Resource)> ResourcesOfType(string type) =>
        [.. Bicep.Values.SelectMany(f => f.Resources.Where(r => r.Type == type && !r.IsExisting).Select(r => (f, r)))];

    /// <summary>The one deployed resource of <paramref name="type"/>; fails the test naming the count otherwise.</summary>
    public (BicepFile File, BicepResource Resource) SingleOfType(string type)
    {
        var all = ResourcesOfType(type);
        Assert.True(all.Count == 1, $"expected one {type} under {BicepFolder}, found {all.Count}: {string.Join(", ", all.Select(x => $"{x.File.RelativePath}:{x.Resource.Line}"))}");
        return all[0];
    }

    /// <summary>Every <c>module</c> statement that points at <paramref name="target"/>, with the file declaring it.</summary>
    public IEnumerable<(BicepFile File, BicepModule Module)> CallersOf(BicepFile target) =>
        Bicep.Values.SelectMany(f => f.Modules.Select(m => (File: f, Module: m)))
            .Where(x => Resolve(x.File.RelativePath, x.Module.Path) == target.RelativePath);

    private static InfraSet LoadRepository()
    {
        var root = RepositoryRoot.Path;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var infra = Path.Combine(root, "infra");
        if (Directory.Exists(infra))
        {
            foreach (var file in Directory.EnumerateFiles(infra, "*", SearchOption.AllDirectories))
            {
                texts[Path.GetRelativePath(root, file).Replace('\\', '/')] = File.ReadAllText(file);
            }
        }

        var azureYaml = Path.Combine(root, AzureYamlPath);
        if (File.Exists(azureYaml))
        {
            texts[AzureYamlPath] = File.ReadAllText(azureYaml);
        }

        return new InfraSet(texts, path => File.Exists(Path.Combine(root, path)) || Directory.Exists(Path.Combine(root, path)));
    }
}
