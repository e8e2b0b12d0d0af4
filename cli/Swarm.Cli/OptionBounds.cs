using System.CommandLine;
using System.Globalization;

namespace Swarm.Cli;

/// <summary>Bounds on whole-number options, checked without reading a value the parser could not convert.</summary>
/// <remarks>
/// Reading the value of an option whose text is not a number (<c>--steps abc</c>, or one too large for an
/// <see cref="int"/>) throws from inside a validator; the parser's own one-line conversion error is the answer then.
/// </remarks>
public static class OptionBounds
{
    /// <summary>Adds the rule that <paramref name="option"/> is at least <paramref name="minimum"/>, with <paramref name="error"/> as its message.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum, string error)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value < minimum)
            {
                r.AddError(error);
            }
        });
        return option;
    }
}
