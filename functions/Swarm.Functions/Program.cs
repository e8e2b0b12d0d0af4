using Swarm.Functions.Commands;

return await FunctionAppCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
