using Swarm.Cli;

return await SwarmCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
