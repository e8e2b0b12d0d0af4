namespace Virus;

/// <summary>Where a person stands with the virus.</summary>
public enum Health : byte
{
    /// <summary>Can catch it.</summary>
    Susceptible,

    /// <summary>Has it and passes it on.</summary>
    Infected,

    /// <summary>Cannot catch it again.</summary>
    Resistant,
}
