namespace Swarm.Orchestrations.State;

/// <summary>The tables and containers the workflows use, created once when a host starts.</summary>
public static class StateLayout
{
    /// <summary>Per-step model reporters of every run: partition = run id, row = step.</summary>
    public const string RunData = "RunData";

    /// <summary>One record per sweep run: partition = sweep id, row = run index.</summary>
    public const string SweepResults = "SweepResults";

    /// <summary>One record per sweep: its status and where its results are.</summary>
    public const string Sweeps = "Sweeps";

    /// <summary>Compute quota records.</summary>
    public const string Quotas = "Quotas";

    /// <summary>Run checkpoints: <c>&lt;runId&gt;/step-&lt;step&gt;.swarm</c>.</summary>
    public const string Checkpoints = "checkpoints";

    /// <summary>The results container of sweep <paramref name="sweepId"/>.</summary>
    public static string ResultsContainer(string sweepId)
    {
        ArgumentNullException.ThrowIfNull(sweepId);
        var name = "results-" + new string([.. sweepId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        while (name.Contains("--", StringComparison.Ordinal))
        {
            name = name.Replace("--", "-", StringComparison.Ordinal);
        }

        name = name.TrimEnd('-');
        return name.Length <= 63 ? name : name[..63].TrimEnd('-');
    }

    /// <summary>Creates every shared table and container (idempotent).</summary>
    public static async Task EnsureAsync(StateStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var table in new[] { RunData, SweepResults, Sweeps, Quotas })
        {
            await store.Records.CreateTableAsync(table, cancellationToken).ConfigureAwait(false);
        }

        await store.Blobs.CreateContainerAsync(Checkpoints, cancellationToken).ConfigureAwait(false);
    }
}
