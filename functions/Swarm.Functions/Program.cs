using Swarm.Functions.Commands;
using Swarm.Functions.Hosting;
using Swarm.Simulation.Catalog;

// The user models the app runs beside the built-in ones: the SWARM_MODELS setting, or what publishing put in models/.
ModelCatalog catalog;
try
{
    catalog = ModelAssemblies.FromSetting(Environment.GetEnvironmentVariable(ModelAssemblies.Setting), AppContext.BaseDirectory);
}
catch (ModelLoadException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
    return CliErrors.InputError;
}

return await FunctionAppCommand.Create(catalog: catalog).Parse(args).InvokeAsync().ConfigureAwait(false);
