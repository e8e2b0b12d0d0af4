using System.CommandLine;

namespace Swarm.Functions.Cli;

/// <summary>The <c>--data</c> option every command on the embedded backend shares.</summary>
public static class DataOption
{
    /// <summary>A new <c>--data</c> option defaulting to <see cref="LocalSwarm.DefaultDataFolder"/>.</summary>
    public static Option<string> Create() =>
        new("--data") { Description = "Data folder of the embedded backend.", DefaultValueFactory = _ => LocalSwarm.DefaultDataFolder };
}
