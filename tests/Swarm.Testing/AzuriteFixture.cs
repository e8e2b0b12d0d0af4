using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Swarm.Testing;

/// <summary>
/// Starts a real Azurite (Blob, Queue and Table) on free loopback ports with in-memory persistence,
/// and stops it when the tests that share it are done.
/// </summary>
/// <remarks>
/// Azurite is pinned in <c>tools/azurite</c>; when its <c>node_modules</c> is missing the fixture runs
/// <c>npm ci --prefix tools/azurite</c> first. Without Node.js the fixture fails with instructions:
/// tests that need storage never skip silently.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The well-known Azurite development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known key of <see cref="AccountName"/>; public, documented by Microsoft, not a secret.</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int StartAttempts = 3;

    private Process? _process;
    private readonly StringBuilder _output = new();

    /// <summary>Blob service endpoint, including the account path segment.</summary>
    public Uri BlobEndpoint { get; private set; } = null!;

    /// <summary>Queue service endpoint, including the account path segment.</summary>
    public Uri QueueEndpoint { get; private set; } = null!;

    /// <summary>Table service endpoint, including the account path segment.</summary>
    public Uri TableEndpoint { get; private set; } = null!;

    /// <summary>A connection string for the three services, in the form Azure SDKs and Functions accept.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var azuriteDir = Path.Combine(RepositoryRoot.Path, "tools", "azurite");
        var entryPoint = Path.Combine(azuriteDir, "node_modules", "azurite", "dist", "src", "azurite.js");
        var node = NodeTools.Require("node");
        await AzuriteInstall.EnsureAsync(azuriteDir, entryPoint).ConfigureAwait(false);

        // Free ports are picked before Azurite binds them, so another process can take one in
        // between; a start that fails that way is retried on new ports.
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts(3);
            try
            {
                await StartAsync(node, entryPoint, ports).ConfigureAwait(false);
                BlobEndpoint = new Uri($"http://127.0.0.1:{ports[0]}/{AccountName}");
                QueueEndpoint = new Uri($"http://127.0.0.1:{ports[1]}/{AccountName}");
                TableEndpoint = new Uri($"http://127.0.0.1:{ports[2]}/{AccountName}");
                return;
            }
            catch (AzuriteStartException) when (attempt < StartAttempts)
            {
                Stop();
            }
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    private async Task StartAsync(string node, string entryPoint, int[] ports)
    {
        _output.Clear();
        var workDir = Directory.CreateTempSubdirectory("swarm-azurite-").FullName;
        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            entryPoint, "--silent", "--inMemoryPersistence", "--extentMemoryLimit", "2048", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Azurite (node).");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new AzuriteStartException($"Azurite exited with code {_process.ExitCode}:\n{Output()}");
            }

            if (await AllListeningAsync(ports).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"Azurite did not open ports {string.Join(", ", ports)} within {StartTimeout}:\n{Output()}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private void Stop()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to stop.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static async Task<bool> AllListeningAsync(int[] ports)
    {
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private static int[] FreePorts(int count)
    {
        // Hold every listener until all are chosen so the ports are distinct.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
