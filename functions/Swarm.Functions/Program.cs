using Swarm.Functions.Cli;

return await SwarmCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
