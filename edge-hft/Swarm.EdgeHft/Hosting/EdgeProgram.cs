using System.Net.Sockets;
using System.Reflection;
using Swarm.EdgeHft.Configuration;
using Swarm.EdgeHft.Orders;
using Swarm.EdgeHft.Risk.Fpga;
using Swarm.EdgeHft.Simulation;

namespace Swarm.EdgeHft.Hosting;

/// <summary>The command-line entry point: parses, validates, runs, and maps every failure to a message and an exit code.</summary>
public static class EdgeProgram
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Bad command line or configuration.</summary>
    public const int BadInput = 2;

    /// <summary>A resource (file, socket, gateway, risk card) failed.</summary>
    public const int ResourceFailure = 3;

    /// <summary>A defect; the message names the exception, no stack trace is printed.</summary>
    public const int InternalError = 4;

    /// <summary>A container health probe that needs no curl in the image: GET <paramref name="url"/>, 0 on 200.</summary>
    private static int Probe(string url, TextWriter output, TextWriter error)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = http.GetAsync(new Uri(url)).GetAwaiter().GetResult();
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Trim();
            (response.IsSuccessStatusCode ? output : error).WriteLine($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? Ok : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            error.WriteLine($"probe failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Runs with <paramref name="args"/>; never throws.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var commandLine = EdgeCommandLine.Parse(args ?? []);
            if (commandLine.Help)
            {
                output.WriteLine(EdgeCommandLine.Usage);
                return Ok;
            }

            if (commandLine.Version)
            {
                output.WriteLine($"Swarm.EdgeHft {typeof(EdgeProgram).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown"}");
                return Ok;
            }

            if (commandLine.Probe is { } url)
            {
                return Probe(url, output, error);
            }

            if (commandLine.GenerateReplay is { } path)
            {
                SyntheticFeed.WriteFile(path, new SyntheticFeedOptions { Messages = commandLine.Messages });
                output.WriteLine($"wrote {commandLine.Messages} synthetic ITCH messages to {path}");
                return Ok;
            }

            var config = commandLine.ApplyTo(commandLine.ConfigFile is null ? new EdgeConfig() : EdgeConfigLoader.Load(commandLine.ConfigFile));
            var problems = EdgeConfigLoader.Validate(config);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    error.WriteLine($"error: {problem}");
                }

                return BadInput;
            }

            if (commandLine.ValidateOnly)
            {
                output.WriteLine("configuration OK");
                return Ok;
            }

            return new EdgeService(config, output).Run(cancellationToken);
        }
        catch (EdgeConfigException e)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is OrderGatewayException or RiskDeviceException or IOException or SocketException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return ResourceFailure;
        }
        catch (Exception e)
        {
            error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            return InternalError;
        }
    }
}
