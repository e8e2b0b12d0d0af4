using System.Globalization;
using Swarm.Bench;

// Usage: dotnet run -c Release --project bench/Swarm.Bench -- <suite> [--out <file>] [--quick]
// Every IBenchmarkSuite in this assembly is a suite: adding one is adding a file.
var suites = typeof(IBenchmarkSuite).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkSuite).IsAssignableFrom(t))
    .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToArray();

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: Swarm.Bench <suite> [--out <file.json>] [--quick]");
    foreach (var s in suites)
    {
        Console.WriteLine($"  {s.Name,-12} {s.Description}");
    }

    return args.Length == 0 ? 2 : 0;
}

var suite = suites.FirstOrDefault(s => string.Equals(s.Name, args[0], StringComparison.OrdinalIgnoreCase));
if (suite is null)
{
    Console.Error.WriteLine($"unknown suite '{args[0]}'; known: {string.Join(", ", suites.Select(s => s.Name))}");
    return 2;
}

string? outPath = null;
var quick = false;
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            outPath = args[++i];
            break;
        case "--quick":
            quick = true;
            break;
        default:
            Console.Error.WriteLine($"unknown or incomplete option '{args[i]}'");
            return 2;
    }
}

#if DEBUG
Console.Error.WriteLine("warning: Debug build; numbers are not representative (use -c Release)");
#endif

var results = new List<BenchmarkResult>();
foreach (var result in suite.Run(new BenchmarkOptions(quick)))
{
    results.Add(result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Name,-40} {result.Metric,-24} {result.Value,14:G6} {result.Unit}"));
}

var json = new BenchmarkReport(suite.Name, BenchmarkReport.CurrentEnvironment(), results).ToJson();
outPath ??= Path.Combine("bench", "results", $"{suite.Name}.json");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
File.WriteAllText(outPath, json);
Console.WriteLine($"wrote {outPath}");
return 0;
