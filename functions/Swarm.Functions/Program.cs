using Swarm.Functions.Commands;

return await FunctionAppCommand.InvokeAsync(args).ConfigureAwait(false);
