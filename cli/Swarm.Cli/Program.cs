using Swarm.Cli;

return await SwarmCommand.InvokeAsync(args).ConfigureAwait(false);
