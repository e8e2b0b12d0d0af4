using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Swarm.Functions.Commands;

/// <summary>
/// Numeric options that parse their own text, so a value that is not a number, or is out of range, is a
/// one-line parse error naming the option and its range (exit code 2) rather than a type name or an exception.
/// </summary>
/// <remarks>
/// The parser runs only for a value given on the command line; an omitted option takes its default.
/// </remarks>
public static class OptionBounds
{
    /// <summary><paramref name="option"/> takes a number of at least <paramref name="minimum"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T minimum)
        where T : struct, INumber<T>, IMinMaxValue<T> => option.Within(minimum, T.MaxValue);

    /// <summary><paramref name="option"/> takes a number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Option<T> Within<T>(this Option<T> option, T minimum, T maximum)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result => Parse(result, option.Name, minimum, maximum) ?? default;
        return option;
    }

    /// <summary>An optional <paramref name="option"/> takes a number from <paramref name="minimum"/> to <paramref name="maximum"/> when given.</summary>
    public static Option<T?> Within<T>(this Option<T?> option, T minimum, T maximum)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result => Parse(result, option.Name, minimum, maximum);
        return option;
    }

    private static T? Parse<T>(ArgumentResult result, string name, T minimum, T maximum)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        var text = result.Tokens is [var token] ? token.Value : string.Empty;
        // One half is a whole number only in a whole-number type (it truncates to 0).
        var whole = T.IsInteger(T.One / (T.One + T.One));
        var styles = whole ? NumberStyles.Integer : NumberStyles.Float;
        var kind = whole ? "a whole number" : "a number";
        var range = maximum == T.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"at least {minimum}")
            : string.Create(CultureInfo.InvariantCulture, $"from {minimum} to {maximum}");
        if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= minimum && value <= maximum)
            {
                return value;
            }

            result.AddError($"{name} must be {range}; got {text}.");
            return null;
        }

        // Digits that do not fit the type are out of range, not "not a number".
        var digits = text.TrimStart('-', '+');
        result.AddError(digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? $"{name} must be {range}; got {text}."
            : $"{name} takes {kind} {range}; '{text}' is not one.");
        return null;
    }
}
