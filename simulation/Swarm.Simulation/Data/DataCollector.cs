using System.Globalization;
using System.Text.Json;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Data;

/// <summary>
/// Columnar store of what a model reports every <c>collectEvery</c> steps: one table of model
/// reporters (one row per collection) and one of agent reporters (one row per agent per collection).
/// </summary>
/// <remarks>
/// <para>Each column is one growable array of doubles (plus step and agent-id columns), so a run
/// of N collections costs N × columns × 8 bytes and no objects per row.</para>
/// <para>Rows read out (for example written to storage after a chunk) can be dropped with
/// <see cref="Clear"/>; the cursor <see cref="FirstModelRow"/> / <see cref="FirstAgentRow"/> then
/// records how many rows came before, and is part of the checkpoint, so a restored model keeps
/// numbering rows where the original left off.</para>
/// </remarks>
public sealed class DataCollector
{
    private readonly string[] _modelNames;
    private readonly string[] _agentNames;
    private long[] _steps;
    private readonly double[][] _columns;
    private int _rows;
    private long _firstRow;
    private long[] _agentSteps;
    private long[] _agentIds;
    private readonly double[][] _agentColumns;
    private int _agentRows;
    private long _firstAgentRow;

    /// <summary>Creates an empty collector for the given reporter names.</summary>
    public DataCollector(IReadOnlyList<string> modelReporters, IReadOnlyList<string> agentReporters)
    {
        ArgumentNullException.ThrowIfNull(modelReporters);
        ArgumentNullException.ThrowIfNull(agentReporters);
        _modelNames = [.. modelReporters];
        _agentNames = [.. agentReporters];
        _steps = new long[8];
        _columns = new double[_modelNames.Length][];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = new double[8];
        }

        _agentSteps = [];
        _agentIds = [];
        _agentColumns = new double[_agentNames.Length][];
        for (var i = 0; i < _agentColumns.Length; i++)
        {
            _agentColumns[i] = [];
        }
    }

    /// <summary>The model reporter columns.</summary>
    public IReadOnlyList<string> ModelReporterNames => _modelNames;

    /// <summary>The agent reporter columns (empty when agent collection is off).</summary>
    public IReadOnlyList<string> AgentReporterNames => _agentNames;

    /// <summary>Model rows held.</summary>
    public int ModelRowCount => _rows;

    /// <summary>Model rows collected before the first row held (dropped by <see cref="Clear"/>).</summary>
    public long FirstModelRow => _firstRow;

    /// <summary>Agent rows held.</summary>
    public int AgentRowCount => _agentRows;

    /// <summary>Agent rows collected before the first row held.</summary>
    public long FirstAgentRow => _firstAgentRow;

    /// <summary>The step of each held model row.</summary>
    public ReadOnlySpan<long> Steps => _steps.AsSpan(0, _rows);

    /// <summary>The held values of model reporter <paramref name="column"/>.</summary>
    public ReadOnlySpan<double> Column(int column) => _columns[column].AsSpan(0, _rows);

    /// <summary>The held values of the model reporter called <paramref name="name"/>.</summary>
    public ReadOnlySpan<double> Column(string name)
    {
        var index = Array.IndexOf(_modelNames, name);
        if (index < 0)
        {
            throw new ArgumentException($"No model reporter '{name}'; known: {string.Join(", ", _modelNames)}.", nameof(name));
        }

        return Column(index);
    }

    /// <summary>Held model row <paramref name="row"/> as a record.</summary>
    public ModelDataRow GetModelRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, _rows);
        var values = new double[_columns.Length];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = _columns[c][row];
        }

        return new ModelDataRow(_steps[row], values);
    }

    /// <summary>All held model rows.</summary>
    public IEnumerable<ModelDataRow> ModelRows()
    {
        for (var r = 0; r < _rows; r++)
        {
            yield return GetModelRow(r);
        }
    }

    /// <summary>The step of held agent row <paramref name="row"/>.</summary>
    public long AgentStep(int row) => _agentSteps.AsSpan(0, _agentRows)[row];

    /// <summary>The agent id of held agent row <paramref name="row"/>.</summary>
    public long AgentId(int row) => _agentIds.AsSpan(0, _agentRows)[row];

    /// <summary>The held values of agent reporter <paramref name="column"/>.</summary>
    public ReadOnlySpan<double> AgentColumn(int column) => _agentColumns[column].AsSpan(0, _agentRows);

    /// <summary>Drops every held row (after they have been read out); the row cursors advance.</summary>
    public void Clear()
    {
        _firstRow += _rows;
        _rows = 0;
        _firstAgentRow += _agentRows;
        _agentRows = 0;
    }

    internal void AppendModelRow(long step, Model model)
    {
        if (_rows == _steps.Length)
        {
            var capacity = _steps.Length * 2;
            Array.Resize(ref _steps, capacity);
            for (var c = 0; c < _columns.Length; c++)
            {
                Array.Resize(ref _columns[c], capacity);
            }
        }

        _steps[_rows] = step;
        for (var c = 0; c < _columns.Length; c++)
        {
            _columns[c][_rows] = model.Report(c);
        }

        _rows++;
    }

    internal void AppendAgentRow(long step, long agentId, ReadOnlySpan<double> values)
    {
        if (values.Length != _agentColumns.Length)
        {
            ThrowHelper.ThrowArgument(nameof(values), $"Expected {_agentColumns.Length} agent reporter values, got {values.Length}.");
        }

        if (_agentRows == _agentSteps.Length)
        {
            var capacity = Math.Max(64, _agentSteps.Length * 2);
            Array.Resize(ref _agentSteps, capacity);
            Array.Resize(ref _agentIds, capacity);
            for (var c = 0; c < _agentColumns.Length; c++)
            {
                Array.Resize(ref _agentColumns[c], capacity);
            }
        }

        _agentSteps[_agentRows] = step;
        _agentIds[_agentRows] = agentId;
        for (var c = 0; c < values.Length; c++)
        {
            _agentColumns[c][_agentRows] = values[c];
        }

        _agentRows++;
    }

    /// <summary>Writes the held model rows as CSV: <c>step,&lt;reporter&gt;...</c>, invariant culture, round-trip doubles.</summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("step");
        foreach (var name in _modelNames)
        {
            writer.Write(',');
            writer.Write(name);
        }

        writer.Write('\n');
        for (var r = 0; r < _rows; r++)
        {
            writer.Write(_steps[r].ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < _columns.Length; c++)
            {
                writer.Write(',');
                writer.Write(FormatDouble(_columns[c][r]));
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes the held agent rows as CSV: <c>step,agent_id,&lt;reporter&gt;...</c>.</summary>
    public void WriteAgentCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("step,agent_id");
        foreach (var name in _agentNames)
        {
            writer.Write(',');
            writer.Write(name);
        }

        writer.Write('\n');
        for (var r = 0; r < _agentRows; r++)
        {
            writer.Write(_agentSteps[r].ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(_agentIds[r].ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < _agentColumns.Length; c++)
            {
                writer.Write(',');
                writer.Write(FormatDouble(_agentColumns[c][r]));
            }

            writer.Write('\n');
        }
    }

    /// <summary>
    /// Writes the held data as one JSON object, columnar:
    /// <c>{"model":{"firstRow","step":[...],"&lt;reporter&gt;":[...]}, "agents":{"firstRow","step":[...],"agent_id":[...],...}}</c>.
    /// Non-finite values are written as <c>null</c>.
    /// </summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject("model");
        writer.WriteNumber("firstRow", _firstRow);
        WriteLongArray(writer, "step", _steps.AsSpan(0, _rows));
        for (var c = 0; c < _columns.Length; c++)
        {
            WriteDoubleArray(writer, _modelNames[c], _columns[c].AsSpan(0, _rows));
        }

        writer.WriteEndObject();
        writer.WriteStartObject("agents");
        writer.WriteNumber("firstRow", _firstAgentRow);
        WriteLongArray(writer, "step", _agentSteps.AsSpan(0, _agentRows));
        WriteLongArray(writer, "agent_id", _agentIds.AsSpan(0, _agentRows));
        for (var c = 0; c < _agentColumns.Length; c++)
        {
            WriteDoubleArray(writer, _agentNames[c], _agentColumns[c].AsSpan(0, _agentRows));
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes the JSON of <see cref="WriteJson(Utf8JsonWriter)"/> to a text writer.</summary>
    public void WriteJson(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteJson(json);
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteLongArray(Utf8JsonWriter writer, string name, ReadOnlySpan<long> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }

    private static void WriteDoubleArray(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                writer.WriteNumberValue(v);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }

    internal void WriteTo(CheckpointWriter writer)
    {
        writer.WriteInt32(_modelNames.Length);
        writer.WriteInt32(_agentNames.Length);
        writer.WriteInt64(_firstRow);
        writer.WriteArray(_steps, _rows);
        foreach (var column in _columns)
        {
            writer.WriteArray(column, _rows);
        }

        writer.WriteInt64(_firstAgentRow);
        writer.WriteArray(_agentSteps, _agentRows);
        writer.WriteArray(_agentIds, _agentRows);
        foreach (var column in _agentColumns)
        {
            writer.WriteArray(column, _agentRows);
        }
    }

    internal void ReadFrom(CheckpointReader reader)
    {
        if (reader.ReadInt32() != _modelNames.Length || reader.ReadInt32() != _agentNames.Length)
        {
            throw new CheckpointFormatException("The checkpoint's data columns do not match the model's reporters.");
        }

        _firstRow = reader.ReadInt64();
        _steps = reader.ReadArray<long>();
        _rows = _steps.Length;
        for (var c = 0; c < _columns.Length; c++)
        {
            _columns[c] = reader.ReadArray<double>();
            if (_columns[c].Length != _rows)
            {
                throw new CheckpointFormatException("The checkpoint is corrupt: data columns differ in length.");
            }
        }

        _firstAgentRow = reader.ReadInt64();
        _agentSteps = reader.ReadArray<long>();
        _agentRows = _agentSteps.Length;
        _agentIds = reader.ReadArray<long>();
        if (_agentIds.Length != _agentRows)
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: agent data columns differ in length.");
        }

        for (var c = 0; c < _agentColumns.Length; c++)
        {
            _agentColumns[c] = reader.ReadArray<double>();
            if (_agentColumns[c].Length != _agentRows)
            {
                throw new CheckpointFormatException("The checkpoint is corrupt: agent data columns differ in length.");
            }
        }

        // Arrays read back are exactly full; growth on the next append must still work from zero length.
        if (_steps.Length == 0)
        {
            _steps = new long[8];
            for (var c = 0; c < _columns.Length; c++)
            {
                _columns[c] = new double[8];
            }
        }
    }
}
