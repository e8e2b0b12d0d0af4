namespace Swarm.Infra.Tests;

/// <summary>One problem found in the infrastructure files, located by file and line.</summary>
/// <param name="File">Path relative to the repository root.</param>
/// <param name="Line">1-based line, or 0 when the problem is the file as a whole.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record InfraFinding(string File, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Message}";

    /// <summary>Fails the test with every finding, one per line, when there are any.</summary>
    public static void AssertNone(IReadOnlyCollection<InfraFinding> findings) =>
        Assert.True(findings.Count == 0, $"{findings.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
}
