namespace Swarm.Infra.Tests;

/// <summary>Lexical helpers for Bicep text: strings (with interpolation), comments and bracket matching.</summary>
/// <remarks>
/// Offsets are preserved everywhere: <see cref="BlankComments"/> replaces comment characters with spaces and
/// keeps line breaks, so an offset into the blanked code is an offset into the original file.
/// </remarks>
internal static class BicepScanner
{
    private const string MultiLineQuote = "'''";

    /// <summary>The text with every comment replaced by spaces (line breaks kept); strings are left alone.</summary>
    public static string BlankComments(string text)
    {
        var chars = text.ToCharArray();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                i = SkipString(text, i);
            }
            else if (StartsAt(text, i, "//"))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    chars[i++] = ' ';
                }
            }
            else if (StartsAt(text, i, "/*"))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                for (; i < end; i++)
                {
                    if (chars[i] is not ('\n' or '\r'))
                    {
                        chars[i] = ' ';
                    }
                }
            }
            else
            {
                i++;
            }
        }

        return new string(chars);
    }

    /// <summary>The index just past the string literal that starts at <paramref name="start"/> (a quote).</summary>
    public static int SkipString(string code, int start)
    {
        if (StartsAt(code, start, MultiLineQuote))
        {
            // Multi-line strings have neither escapes nor interpolation.
            var end = code.IndexOf(MultiLineQuote, start + 3, StringComparison.Ordinal);
            return end < 0 ? code.Length : end + 3;
        }

        var i = start + 1;
        while (i < code.Length)
        {
            switch (code[i])
            {
                case '\\':
                    i += 2;
                    break;
                case '\'':
                    return i + 1;
                case '$' when i + 1 < code.Length && code[i + 1] == '{':
                    i = SkipInterpolation(code, i + 2);
                    break;
                default:
                    i++;
                    break;
            }
        }

        return code.Length;
    }

    /// <summary>The index just past the bracket that closes the one at <paramref name="open"/>, or -1 when it never closes.</summary>
    public static int FindClosing(string code, int open)
    {
        var close = NextAtDepthZero(code, open + 1, stopAtLineEnd: false, stopAtComma: false);
        return close < code.Length ? close + 1 : -1;
    }

    /// <summary>
    /// The end of the statement or value that starts at <paramref name="start"/>: the first line break (or comma,
    /// when <paramref name="stopAtComma"/>) or unmatched closing bracket met outside any bracket or string opened
    /// after <paramref name="start"/>.
    /// </summary>
    public static int ValueEnd(string code, int start, bool stopAtComma = true) =>
        NextAtDepthZero(code, start, stopAtLineEnd: true, stopAtComma);

    /// <summary>The contents of a plain string literal (<c>'text'</c>, no interpolation), or <see langword="null"/>.</summary>
    public static string? Unquote(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '\'' || trimmed[^1] != '\'' || trimmed.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }

        return trimmed.StartsWith(MultiLineQuote, StringComparison.Ordinal) && trimmed.Length >= 6
            ? trimmed[3..^3]
            : trimmed[1..^1].Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
    }

    private static int SkipInterpolation(string code, int start) =>
        Math.Min(NextAtDepthZero(code, start, stopAtLineEnd: false, stopAtComma: false) + 1, code.Length);

    // Walks from start skipping strings and nested brackets; stops at an unmatched closing bracket, or at a line
    // break or comma outside any bracket when asked to. Returns code.Length when nothing stops it.
    private static int NextAtDepthZero(string code, int start, bool stopAtLineEnd, bool stopAtComma)
    {
        var depth = 0;
        var i = start;
        while (i < code.Length)
        {
            var c = code[i];
            if (c == '\'')
            {
                i = SkipString(code, i);
                continue;
            }

            if (c is '{' or '[' or '(')
            {
                depth++;
            }
            else if (c is '}' or ']' or ')')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
            else if (depth == 0 && ((stopAtLineEnd && c == '\n') || (stopAtComma && c == ',')))
            {
                return i;
            }

            i++;
        }

        return code.Length;
    }

    private static bool StartsAt(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
