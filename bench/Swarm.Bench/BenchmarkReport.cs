using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Swarm.Bench;

/// <summary>The JSON a suite run writes: <c>{"suite", "environment", "results"}</c>.</summary>
public sealed record BenchmarkReport(string Suite, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<BenchmarkResult> Results)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>What the numbers were measured on.</summary>
    public static IReadOnlyDictionary<string, string> CurrentEnvironment() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["machine"] = System.Environment.MachineName,
        ["os"] = RuntimeInformation.OSDescription,
        ["arch"] = RuntimeInformation.ProcessArchitecture.ToString(),
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["processors"] = System.Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["serverGc"] = System.Runtime.GCSettings.IsServerGC.ToString(),
#if DEBUG
        ["configuration"] = "Debug",
#else
        ["configuration"] = "Release",
#endif
        ["timestampUtc"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Serialises the report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
