namespace Swarm.Infra.Tests;

/// <summary>
/// A block-style YAML mapping of scalars and nested mappings: the subset <c>azure.yaml</c> uses here.
/// Sequences, flow style, anchors and multi-line scalars are reported as unsupported, with the line.
/// </summary>
internal sealed class YamlMapping
{
    private readonly Dictionary<string, (string? Scalar, YamlMapping? Mapping, int Line)> _entries = new(StringComparer.Ordinal);

    private YamlMapping()
    {
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="FormatException">The text uses YAML this reader does not support, or is malformed.</exception>
    public static YamlMapping Parse(string file, string text)
    {
        var root = new YamlMapping();
        var stack = new Stack<(int Indent, YamlMapping Mapping)>();
        stack.Push((-1, root));
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = StripComment(lines[n]);
            if (line.Trim().Length == 0 || line.Trim() == "---")
            {
                continue;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            var content = line.Trim();
            if (line.TrimStart(' ').StartsWith('\t') || content.StartsWith('-') || content.StartsWith('&') || content.StartsWith('['))
            {
                throw new FormatException($"{file}:{n + 1}: unsupported YAML (tabs, sequences, anchors or flow style).");
            }

            var colon = content.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"{file}:{n + 1}: expected 'key: value'.");
            }

            while (stack.Peek().Indent >= indent)
            {
                stack.Pop();
            }

            var key = content[..colon].Trim();
            var value = content[(colon + 1)..].Trim();
            var parent = stack.Peek().Mapping;
            if (parent._entries.ContainsKey(key))
            {
                throw new FormatException($"{file}:{n + 1}: duplicate key '{key}'.");
            }

            if (value.Length == 0)
            {
                var child = new YamlMapping();
                parent._entries[key] = (null, child, n + 1);
                stack.Push((indent, child));
            }
            else
            {
                if (value.StartsWith('|') || value.StartsWith('>') || value.StartsWith('{') || value.StartsWith('['))
                {
                    throw new FormatException($"{file}:{n + 1}: unsupported YAML value '{value}'.");
                }

                parent._entries[key] = (Unquote(value), null, n + 1);
            }
        }

        return root;
    }

    /// <summary>The scalar at a dotted <paramref name="path"/>, or <see langword="null"/>.</summary>
    public string? Scalar(string path) => Find(path) is { Scalar: { } s } ? s : null;

    /// <summary>The mapping at a dotted <paramref name="path"/>, or <see langword="null"/>.</summary>
    public YamlMapping? Mapping(string path) => Find(path)?.Mapping;

    /// <summary>The 1-based line of the entry at <paramref name="path"/>, or 0.</summary>
    public int LineOf(string path) => Find(path)?.Line ?? 0;

    /// <summary>The keys of this mapping in no particular order.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    private (string? Scalar, YamlMapping? Mapping, int Line)? Find(string path)
    {
        var current = this;
        (string? Scalar, YamlMapping? Mapping, int Line)? entry = null;
        foreach (var key in path.Split('.'))
        {
            if (current is null || !current._entries.TryGetValue(key, out var found))
            {
                return null;
            }

            entry = found;
            current = found.Mapping;
        }

        return entry;
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
