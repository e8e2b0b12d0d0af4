using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Swarm.Functions.Audit;
using Swarm.Functions.Commands;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary><c>swarm audit verify</c>: recomputes the audit log's hash chain and reports the first broken link (exit code 1).</summary>
public static class AuditCommand
{
    /// <summary>Builds <c>swarm audit</c> with its <c>verify</c> sub-command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var verify = new Command("verify", "Check that no audit entry was edited, inserted or deleted.");
        var backend = BackendOptions.AddTo(verify);
        verify.SetAction(async (parse, cancellationToken) =>
        {
            await using var swarm = await backend.StartAsync(parse, catalog, console, cancellationToken).ConfigureAwait(false);
            if (swarm is null)
            {
                return CliErrors.InputError;
            }

            var log = new AuditLog(swarm.Store.Records);
            await log.EnsureAsync(cancellationToken).ConfigureAwait(false);
            var result = await log.VerifyAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsIntact)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"audit log intact: [green]{result.Entries}[/] entries."));
                return 0;
            }

            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[red]audit log broken[/] at entry {result.FirstBroken}: {result.Problem.EscapeMarkup()}"));
            return 1;
        });
        return new Command("audit", "The audit log of writes and admin actions.") { verify };
    }
}
