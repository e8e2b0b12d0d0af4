using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Swarm.Bench;

/// <summary>A bounded concurrent load on one HTTP endpoint: <c>concurrency</c> workers send until <c>count</c> requests are done, each latency recorded.</summary>
public static class ApiLoad
{
    /// <summary>Sends <paramref name="count"/> requests built by <paramref name="request"/> with at most <paramref name="concurrency"/> in flight; returns each latency (ms) and the wall time.</summary>
    /// <exception cref="InvalidOperationException">A request was not answered with <paramref name="expectedStatus"/>.</exception>
    public static async Task<(double[] LatenciesMs, TimeSpan Wall)> RunAsync(HttpClient client, int count, int concurrency, Func<int, HttpRequestMessage> request, int expectedStatus)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var latencies = new double[count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var message = request(i);
                var start = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(message).ConfigureAwait(false);
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                latencies[i] = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
                if ((int)response.StatusCode != expectedStatus)
                {
                    throw new InvalidOperationException($"Request {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
                }
            }
        })).ConfigureAwait(false);
        return (latencies, wall.Elapsed);
    }

    /// <summary>A request with a bearer token and, when given, a JSON body.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string token, string? json = null, string? idempotencyKey = null)
    {
        var message = new HttpRequestMessage(method, path);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            message.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return message;
    }

    /// <summary>The <paramref name="percentile"/> (0-100) of <paramref name="values"/>, nearest rank.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
