namespace Swarm.Infra.Tests;

/// <summary>A value expression in a Bicep file: its text and where it starts.</summary>
/// <param name="File">The file the value is in.</param>
/// <param name="Offset">Offset of the first character of <see cref="Text"/> in the file.</param>
/// <param name="Text">The expression, trimmed.</param>
internal sealed record BicepValue(BicepFile File, int Offset, string Text)
{
    /// <summary>The 1-based line the value starts on.</summary>
    public int Line => File.LineOf(Offset);

    /// <summary>The string when the value is a plain literal, else <see langword="null"/>.</summary>
    public string? AsString => BicepScanner.Unquote(Text);

    /// <summary>Whether the value is an object literal.</summary>
    public bool IsObject => Text.StartsWith('{');

    /// <summary>The properties of an object literal, in order.</summary>
    /// <exception cref="FormatException">The value is not an object literal.</exception>
    public IReadOnlyList<BicepProperty> Properties()
    {
        if (!IsObject)
        {
            throw new FormatException($"{File.RelativePath}:{Line}: expected an object, found '{Text}'.");
        }

        var code = File.Code;
        var end = Offset + Text.Length - 1;
        var properties = new List<BicepProperty>();
        var i = Offset + 1;
        while (true)
        {
            while (i < end && (char.IsWhiteSpace(code[i]) || code[i] == ','))
            {
                i++;
            }

            if (i >= end)
            {
                return properties;
            }

            var keyStart = i;
            string key;
            if (code[i] == '\'')
            {
                i = BicepScanner.SkipString(code, i);
                key = BicepScanner.Unquote(code[keyStart..i]) ?? code[keyStart..i];
            }
            else
            {
                while (i < end && (char.IsLetterOrDigit(code[i]) || code[i] is '_' or '$' or '.'))
                {
                    i++;
                }

                key = code[keyStart..i];
            }

            while (i < end && code[i] is ' ' or '\t')
            {
                i++;
            }

            if (key.Length == 0 || i >= end || code[i] != ':')
            {
                throw new FormatException($"{File.RelativePath}:{File.LineOf(keyStart)}: cannot read an object property here.");
            }

            i++;
            while (i < end && code[i] is ' ' or '\t')
            {
                i++;
            }

            var valueEnd = BicepScanner.ValueEnd(code, i);
            properties.Add(new BicepProperty(key, new BicepValue(File, i, code[i..valueEnd].TrimEnd()), File.LineOf(keyStart)));
            i = valueEnd;
        }
    }

    /// <summary>The items of an array literal, in order.</summary>
    /// <exception cref="FormatException">The value is not an array literal.</exception>
    public IReadOnlyList<BicepValue> Items()
    {
        if (!Text.StartsWith('['))
        {
            throw new FormatException($"{File.RelativePath}:{Line}: expected an array, found '{Text}'.");
        }

        var code = File.Code;
        var end = Offset + Text.Length - 1;
        var items = new List<BicepValue>();
        var i = Offset + 1;
        while (true)
        {
            while (i < end && (char.IsWhiteSpace(code[i]) || code[i] == ','))
            {
                i++;
            }

            if (i >= end)
            {
                return items;
            }

            var itemEnd = BicepScanner.ValueEnd(code, i);
            items.Add(new BicepValue(File, i, code[i..itemEnd].TrimEnd()));
            i = itemEnd;
        }
    }

    /// <summary>The value of property <paramref name="key"/> (case-insensitive, as ARM compares them), or <see langword="null"/>.</summary>
    public BicepValue? Get(string key) =>
        Properties().FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>Follows a dotted path of property names through nested objects, or returns <see langword="null"/>.</summary>
    public BicepValue? At(string path)
    {
        BicepValue? current = this;
        foreach (var key in path.Split('.'))
        {
            current = current is { IsObject: true } ? current.Get(key) : null;
        }

        return current;
    }
}
