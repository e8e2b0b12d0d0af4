namespace Swarm.Bench;

/// <summary>A named group of benchmarks, run with <c>dotnet run -c Release --project bench/Swarm.Bench -- &lt;suite&gt;</c>.</summary>
public interface IBenchmarkSuite
{
    /// <summary>The name used on the command line and in the JSON output.</summary>
    string Name { get; }

    /// <summary>What the suite measures, for <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>Runs the suite, reporting each result as soon as it is measured.</summary>
    IEnumerable<BenchmarkResult> Run(BenchmarkOptions options);
}
