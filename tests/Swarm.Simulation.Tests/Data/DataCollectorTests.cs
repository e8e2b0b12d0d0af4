using System.Text.Json;
using Swarm.Simulation.Models.Schelling;

namespace Swarm.Simulation.Tests.Data;

public sealed class DataCollectorTests
{
    [Fact]
    public void Collect_EveryThirdStep_RecordsStepZeroAndMultiples()
    {
        var model = new Schelling(SchellingParameters.Small, new ModelContext(1, CollectEvery: 3));
        model.Run(10);
        Assert.Equal([0L, 3, 6, 9], model.Data.Steps.ToArray());
        Assert.Equal(4, model.Data.ModelRowCount);
    }

    [Fact]
    public void Collect_Disabled_RecordsNothing()
    {
        var model = new Schelling(SchellingParameters.Small, new ModelContext(1, CollectEvery: 0));
        model.Run(5);
        Assert.Equal(0, model.Data.ModelRowCount);
    }

    [Fact]
    public void Collect_ModelRow_EqualsReporterValuesAtThatStep()
    {
        var model = new Schelling(SchellingParameters.Small, new ModelContext(2));
        model.Run(4);
        var row = model.Data.GetModelRow(4);
        Assert.Equal(4, row.Step);
        Assert.Equal(model.Report("happy"), row.Values[0]);
        Assert.Equal(model.Report("happyFraction"), model.Data.Column("happyFraction")[4]);
    }

    [Fact]
    public void WriteCsv_SmallRun_HasHeaderAndOneLinePerRow()
    {
        var model = new Schelling(SchellingParameters.Small, new ModelContext(3));
        model.Run(2);
        var writer = new StringWriter();
        model.Data.WriteCsv(writer);
        var lines = writer.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal("step,happy,happyFraction,moved", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("2,", lines[3], StringComparison.Ordinal);
        var fields = lines[2].Split(',');
        Assert.Equal(model.Data.Column(1)[1], double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WriteJson_WithAgents_IsColumnarAndParses()
    {
        var model = new Schelling(SchellingParameters.Small with { Agents = 10 }, new ModelContext(3, CollectEvery: 2, CollectAgents: true));
        model.Run(2);
        var writer = new StringWriter();
        model.Data.WriteJson(writer);
        using var doc = JsonDocument.Parse(writer.ToString());
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("model").GetProperty("step").GetArrayLength());
        Assert.Equal(2, root.GetProperty("model").GetProperty("happy").GetArrayLength());
        Assert.Equal(20, root.GetProperty("agents").GetProperty("agent_id").GetArrayLength());
        Assert.Equal(20, root.GetProperty("agents").GetProperty("group").GetArrayLength());
        Assert.Equal(20, model.Data.AgentRowCount);
    }

    [Fact]
    public void WriteAgentCsv_WithAgents_OneLinePerAgentRow()
    {
        var model = new Schelling(SchellingParameters.Small with { Agents = 4 }, new ModelContext(5, CollectAgents: true));
        var writer = new StringWriter();
        model.Data.WriteAgentCsv(writer);
        var lines = writer.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal("step,agent_id,x,y,group,happy", lines[0]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void Clear_AfterReading_AdvancesCursorAndKeepsCollecting()
    {
        var model = new Schelling(SchellingParameters.Small, new ModelContext(4));
        model.Run(3);
        model.Data.Clear();
        Assert.Equal(0, model.Data.ModelRowCount);
        Assert.Equal(4, model.Data.FirstModelRow);
        model.Run(2);
        Assert.Equal([4L, 5], model.Data.Steps.ToArray());
    }

    [Fact]
    public void Column_UnknownName_ThrowsWithKnownNames()
    {
        var model = new Schelling(SchellingParameters.Small, new ModelContext(4));
        var error = Assert.Throws<ArgumentException>(() => model.Data.Column("nope").ToArray());
        Assert.Contains("happyFraction", error.Message, StringComparison.Ordinal);
    }
}
