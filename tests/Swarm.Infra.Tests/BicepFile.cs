using System.Text.RegularExpressions;

namespace Swarm.Infra.Tests;

/// <summary>
/// A Bicep file read as text: its top-level <c>param</c>, <c>var</c>, <c>resource</c>, <c>module</c> and <c>output</c>
/// declarations, with the line each starts on.
/// </summary>
/// <remarks>
/// This is not a compiler. It reads the subset of Bicep this repository writes (top-level declarations,
/// object and array literals, strings with interpolation, comments, decorators); a declaration it cannot read
/// fails with the file and line rather than being skipped.
/// </remarks>
internal sealed partial class BicepFile
{
    private readonly int[] _lineStarts;

    private BicepFile(string relativePath, string text)
    {
        RelativePath = relativePath;
        Text = text;
        Code = BicepScanner.BlankComments(text);
        _lineStarts = [0, .. text.Select((c, i) => (c, i)).Where(x => x.c == '\n').Select(x => x.i + 1)];

        var parameters = new List<BicepParameter>();
        var variables = new Dictionary<string, BicepValue>(StringComparer.Ordinal);
        var resources = new List<BicepResource>();
        var modules = new List<BicepModule>();
        var outputs = new Dictionary<string, BicepValue>(StringComparer.Ordinal);
        var decorators = new Dictionary<string, string>(StringComparer.Ordinal);

        var i = 0;
        while (i < Code.Length)
        {
            if (char.IsWhiteSpace(Code[i]))
            {
                i++;
                continue;
            }

            var end = Code[i] == '@' ? DecoratorEnd(i) : StatementEnd(i);
            if (end < 0)
            {
                throw new FormatException($"{RelativePath}:{LineOf(i)}: unbalanced brackets or a decorator without arguments.");
            }

            var statement = Code[i..end];
            var keyword = KeywordPattern().Match(statement).Value;
            switch (keyword)
            {
                case "@":
                    var decorator = DecoratorPattern().Match(statement);
                    decorators[decorator.Groups["name"].Value] = decorator.Groups["args"].Value;
                    break;
                case "param":
                    parameters.Add(ReadParameter(statement, i, decorators));
                    decorators = new Dictionary<string, string>(StringComparer.Ordinal);
                    break;
                case "var":
                    var variable = Expect(VariablePattern(), statement, i);
                    variables[variable.Groups["name"].Value] = ValueAt(i + variable.Groups["value"].Index, variable.Groups["value"].Value);
                    decorators.Clear();
                    break;
                case "resource":
                    resources.Add(ReadResource(statement, i));
                    decorators.Clear();
                    break;
                case "module":
                    var module = Expect(ModulePattern(), statement, i);
                    modules.Add(new BicepModule(module.Groups["symbol"].Value, module.Groups["path"].Value, BodyAt(i + module.Groups["body"].Index), LineOf(i)));
                    decorators.Clear();
                    break;
                case "output":
                    var output = Expect(OutputPattern(), statement, i);
                    outputs[output.Groups["name"].Value] = ValueAt(i + output.Groups["value"].Index, output.Groups["value"].Value);
                    decorators.Clear();
                    break;
                case "targetScope" or "metadata" or "type" or "import" or "func":
                    decorators.Clear();
                    break;
                default:
                    throw new FormatException($"{RelativePath}:{LineOf(i)}: unexpected top-level text '{statement.Split('\n')[0].Trim()}'.");
            }

            i = end;
        }

        Parameters = parameters;
        Variables = variables;
        Resources = resources;
        Modules = modules;
        Outputs = outputs;
    }

    /// <summary>Path relative to the repository root, with forward slashes (used in every message).</summary>
    public string RelativePath { get; }

    /// <summary>The file's text.</summary>
    public string Text { get; }

    /// <summary>The text with comments blanked out (same length and line breaks as <see cref="Text"/>).</summary>
    public string Code { get; }

    /// <summary>The <c>param</c> declarations in order.</summary>
    public IReadOnlyList<BicepParameter> Parameters { get; }

    /// <summary>The <c>var</c> declarations by name.</summary>
    public IReadOnlyDictionary<string, BicepValue> Variables { get; }

    /// <summary>The <c>resource</c> declarations in order.</summary>
    public IReadOnlyList<BicepResource> Resources { get; }

    /// <summary>The <c>module</c> declarations in order.</summary>
    public IReadOnlyList<BicepModule> Modules { get; }

    /// <summary>The <c>output</c> declarations by name.</summary>
    public IReadOnlyDictionary<string, BicepValue> Outputs { get; }

    /// <summary>Parses <paramref name="text"/>, naming it <paramref name="relativePath"/> in messages.</summary>
    /// <exception cref="FormatException">The file holds Bicep this reader does not understand; the message names the line.</exception>
    public static BicepFile Parse(string relativePath, string text) => new(relativePath, text.Replace("\r\n", "\n", StringComparison.Ordinal));

    /// <summary>The parameter named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public BicepParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>The resource with symbolic name <paramref name="symbol"/>, or <see langword="null"/>.</summary>
    public BicepResource? Resource(string symbol) => Resources.FirstOrDefault(r => r.Symbol == symbol);

    /// <summary>
    /// The text a value comes to when it is a literal or a parameter of this file: the literal itself, or the
    /// parameter's default; <see langword="null"/> for anything else (or a parameter without a default).
    /// </summary>
    public string? LiteralOrDefault(string expression)
    {
        var text = expression.Trim();
        return Parameter(text) is { } parameter ? parameter.Default : IsLiteral(text) ? text : null;
    }

    /// <summary>The 1-based line of <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="fragment"/>, or 0.</summary>
    public int LineOf(string fragment)
    {
        var index = Text.IndexOf(fragment, StringComparison.Ordinal);
        return index < 0 ? 0 : LineOf(index);
    }

    /// <summary>The text of line <paramref name="line"/> (1-based).</summary>
    public string LineText(int line)
    {
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] - 1 : Text.Length;
        return Text[start..end];
    }

    private int DecoratorEnd(int start)
    {
        var open = Code.IndexOf('(', start);
        return open < 0 ? -1 : BicepScanner.FindClosing(Code, open);
    }

    private int StatementEnd(int start)
    {
        // A declaration runs to the end of its line, or past the brackets it opens on that line.
        var end = BicepScanner.ValueEnd(Code, start, stopAtComma: false);
        return end < Code.Length && Code[end] is '}' or ']' or ')' ? -1 : end;
    }

    private static bool IsLiteral(string text) =>
        BicepScanner.Unquote(text) is not null || text is "true" or "false" || long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _);

    private BicepParameter ReadParameter(string statement, int offset, Dictionary<string, string> decorators)
    {
        var match = Expect(ParameterPattern(), statement, offset);
        var value = match.Groups["value"];
        return new BicepParameter(
            match.Groups["name"].Value,
            match.Groups["type"].Value,
            value.Success ? value.Value.Trim() : null,
            match.Groups["nullable"].Success,
            decorators,
            LineOf(offset));
    }

    private BicepResource ReadResource(string statement, int offset)
    {
        var match = Expect(ResourcePattern(), statement, offset);
        var line = LineOf(offset);
        var comment = new List<string>();
        for (var previous = line - 1; previous >= 1 && LineText(previous).TrimStart().StartsWith("//", StringComparison.Ordinal); previous--)
        {
            comment.Insert(0, LineText(previous).TrimStart()[2..].Trim());
        }

        return new BicepResource(
            match.Groups["symbol"].Value,
            match.Groups["type"].Value,
            match.Groups["api"].Value,
            match.Groups["existing"].Success,
            BodyAt(offset + match.Groups["body"].Index),
            string.Join(' ', comment),
            line);
    }

    private BicepValue BodyAt(int open)
    {
        var close = BicepScanner.FindClosing(Code, open);
        if (close < 0)
        {
            throw new FormatException($"{RelativePath}:{LineOf(open)}: unbalanced braces.");
        }

        return new BicepValue(this, open, Code[open..close]);
    }

    private BicepValue ValueAt(int offset, string text) => new(this, offset, text.Trim());

    private Match Expect(Regex pattern, string statement, int offset)
    {
        var match = pattern.Match(statement);
        return match.Success
            ? match
            : throw new FormatException($"{RelativePath}:{LineOf(offset)}: cannot read '{statement.Split('\n')[0].Trim()}'.");
    }

    [GeneratedRegex(@"^(@|[A-Za-z]+)")]
    private static partial Regex KeywordPattern();

    [GeneratedRegex(@"^@(?<name>\w+)\((?<args>.*)\)$", RegexOptions.Singleline)]
    private static partial Regex DecoratorPattern();

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s+(?<type>[A-Za-z_][\w.]*)(?<nullable>\?)?(\s*=\s*(?<value>.+))?$", RegexOptions.Singleline)]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"^var\s+(?<name>\w+)\s*=\s*(?<value>.+)$", RegexOptions.Singleline)]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"^resource\s+(?<symbol>\w+)\s+'(?<type>[^'@]+)@(?<api>[^']+)'\s*(?<existing>existing\s*)?=\s*(if\s*\(.*?\)\s*)?(?<body>\{)", RegexOptions.Singleline)]
    private static partial Regex ResourcePattern();

    [GeneratedRegex(@"^module\s+(?<symbol>\w+)\s+'(?<path>[^']+)'\s*=\s*(if\s*\(.*?\)\s*)?(?<body>\{)", RegexOptions.Singleline)]
    private static partial Regex ModulePattern();

    [GeneratedRegex(@"^output\s+(?<name>\w+)\s+\w+\s*=\s*(?<value>.+)$", RegexOptions.Singleline)]
    private static partial Regex OutputPattern();
}
