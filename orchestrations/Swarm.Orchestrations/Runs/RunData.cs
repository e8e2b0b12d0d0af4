using System.Globalization;
using Swarm.Orchestrations.State;
using Swarm.Simulation;

namespace Swarm.Orchestrations.Runs;

/// <summary>The per-step reporter rows of runs in the <see cref="StateLayout.RunData"/> table: partition = run id, row = zero-padded step.</summary>
public static class RunData
{
    private const int Batch = 100;

    /// <summary>Writes the model rows collected after <paramref name="afterStep"/>, in batches; returns how many.</summary>
    public static async Task<int> WriteAsync(IRecordStore records, string runId, Model model, long afterStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(model);
        var data = model.Data;
        var batch = new List<StateRecord>(Batch);
        var written = 0;
        for (var r = 0; r < data.ModelRowCount; r++)
        {
            var row = data.GetModelRow(r);
            if (row.Step <= afterStep && afterStep > 0)
            {
                continue;
            }

            var properties = new Dictionary<string, object?>(StringComparer.Ordinal) { ["step"] = row.Step };
            for (var c = 0; c < row.Values.Count; c++)
            {
                properties[data.ModelReporterNames[c]] = row.Values[c];
            }

            batch.Add(new StateRecord(StateLayout.RunData, runId, RowKey(row.Step), properties));
            if (batch.Count == Batch)
            {
                await records.UpsertBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                written += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await records.UpsertBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            written += batch.Count;
        }

        return written;
    }

    /// <summary>The row key of <paramref name="step"/>: zero-padded so rows list in step order.</summary>
    public static string RowKey(long step) => step.ToString("D12", CultureInfo.InvariantCulture);
}
