using System.Runtime.InteropServices;
using Swarm.EdgeHft.Hosting;

// SIGINT (Ctrl+C) and SIGTERM (docker stop) end the run gracefully: the report and latency table are still printed.
using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return EdgeProgram.Run(args, Console.Out, Console.Error, stop.Token);
