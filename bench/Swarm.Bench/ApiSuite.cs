using System.Globalization;
using Swarm.Cli;
using Swarm.Functions.Hosting;
using Swarm.Simulation.Catalog;

namespace Swarm.Bench;

/// <summary>
/// The HTTP API on loopback (Kestrel at 127.0.0.1, the embedded backend in a temp folder, JWT validation, rate
/// limiter, audit log all on): the latency (p50/p99) of status GETs of a finished run, then simulation submissions
/// per second, under a bounded number of concurrent clients.
/// </summary>
/// <remarks>
/// Each submission is a new instance (a new idempotency key), so it pays for the existence check, the start and
/// the audit entry; the runs it starts execute meanwhile in the same process, as they would on a real host.
/// Resubmissions (same key) measure the idempotent path alone.
/// </remarks>
public sealed class ApiSuite : IBenchmarkSuite
{
    private const string Job = """{ "model": "boltzmann", "preset": "small", "steps": 1 }""";

    /// <inheritdoc />
    public string Name => "api";

    /// <inheritdoc />
    public string Description => "HTTP API on loopback: submissions/s, idempotent resubmissions/s, status GET p50/p99 under bounded concurrency";

    /// <inheritdoc />
    public IEnumerable<BenchmarkResult> Run(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<List<BenchmarkResult>> RunAsync(BenchmarkOptions options)
    {
        var (submissions, gets, concurrency) = options.Quick ? (200, 1_000, 8) : (2_000, 20_000, 16);
        var results = new List<BenchmarkResult>
        {
            new("environment", "processors", Environment.ProcessorCount, "cores"),
            new("environment", "concurrency", concurrency, "requests in flight"),
        };
        var folder = Directory.CreateTempSubdirectory("swarm-bench-api-");
        try
        {
            await using var swarm = await LocalSwarm.StartAsync(folder.FullName, ModelCatalog.Default).ConfigureAwait(false);
            using var key = LocalSigningKey.CreateEphemeral();
            await using var app = await FunctionApp.CreateAsync(
                new FunctionAppOptions
                {
                    Client = swarm.Client,
                    Store = swarm.Store,
                    LocalSigningKey = key.Key,
                    Urls = ["http://127.0.0.1:0"],
                    // The limiter stays in the path but never refuses: the load comes from one caller.
                    RateLimitPermits = 10_000_000,
                    RateLimitWindow = TimeSpan.FromMinutes(1),
                },
                args: ["--Logging:LogLevel:Default=Warning"]).ConfigureAwait(false);
            await app.StartAsync().ConfigureAwait(false);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(app.Urls.First()) };
            var token = key.Mint("bench", SwarmRoles.All, TimeSpan.FromHours(2));

            // Warm-up: every path JIT-compiled and tiered before measuring.
            await ApiLoad.RunAsync(client, 100, concurrency, i => ApiLoad.Request(HttpMethod.Post, "/api/simulations", token, Job, string.Create(CultureInfo.InvariantCulture, $"warm-{i}")), 202).ConfigureAwait(false);
            await ApiLoad.RunAsync(client, 500, concurrency, _ => ApiLoad.Request(HttpMethod.Get, "/api/runs/warm-0", token), 200).ConfigureAwait(false);

            // Status GETs first, with the warm-up runs finished: the read path alone, not competing with runs executing.
            for (var i = 0; i < 100; i++)
            {
                await swarm.Client.WaitForInstanceCompletionAsync(string.Create(CultureInfo.InvariantCulture, $"warm-{i}")).ConfigureAwait(false);
            }

            foreach (var (name, path) in new[] { ("run-status", "/api/runs/warm-0"), ("durable-status", "/runtime/webhooks/durabletask/instances/warm-0") })
            {
                var (latencies, wall) = await ApiLoad.RunAsync(client, gets, concurrency, _ => ApiLoad.Request(HttpMethod.Get, path, token), 200).ConfigureAwait(false);
                results.Add(new($"{name}/{gets}", "requests_per_second", gets / wall.TotalSeconds, "1/s"));
                results.Add(new($"{name}/{gets}", "p50_latency", ApiLoad.Percentile(latencies, 50), "ms"));
                results.Add(new($"{name}/{gets}", "p99_latency", ApiLoad.Percentile(latencies, 99), "ms"));
            }

            var (submitLatencies, submitWall) = await ApiLoad.RunAsync(
                client, submissions, concurrency, i => ApiLoad.Request(HttpMethod.Post, "/api/simulations", token, Job, string.Create(CultureInfo.InvariantCulture, $"run-{i}")), 202).ConfigureAwait(false);
            results.Add(new($"submit/{submissions}", "submissions_per_second", submissions / submitWall.TotalSeconds, "1/s"));
            results.Add(new($"submit/{submissions}", "p50_latency", ApiLoad.Percentile(submitLatencies, 50), "ms"));
            results.Add(new($"submit/{submissions}", "p99_latency", ApiLoad.Percentile(submitLatencies, 99), "ms"));

            var (repeatLatencies, repeatWall) = await ApiLoad.RunAsync(
                client, submissions, concurrency, i => ApiLoad.Request(HttpMethod.Post, "/api/simulations", token, Job, string.Create(CultureInfo.InvariantCulture, $"run-{i}")), 202).ConfigureAwait(false);
            results.Add(new($"resubmit/{submissions}", "resubmissions_per_second", submissions / repeatWall.TotalSeconds, "1/s"));
            results.Add(new($"resubmit/{submissions}", "p99_latency", ApiLoad.Percentile(repeatLatencies, 99), "ms"));

            await app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // SQLite may hold the file a moment longer; the OS cleans temp folders.
            }
        }

        return results;
    }
}
