using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Tests.Models;

/// <summary>Properties every catalog model must have: determinism, checkpoint equivalence, no per-step allocation.</summary>
public sealed class ModelConformanceTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.Default;

    public static TheoryData<string> ModelNames()
    {
        var data = new TheoryData<string>();
        foreach (var m in ModelCatalog.Default.Models)
        {
            data.Add(m.Name);
        }

        return data;
    }

    /// <summary>Small instances of each model, fast enough to run many times.</summary>
    private static Model CreateSmall(string name, ulong seed, IReadOnlyDictionary<string, object?>? overrides = null) =>
        Catalog.CreatePreset(name, "small", seed, runKey: 0, overrides);

    private static string Csv(Model model)
    {
        var writer = new StringWriter();
        model.Data.WriteCsv(writer);
        model.Data.WriteAgentCsv(writer);
        return writer.ToString();
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Run_SameSeed_SameStateHashAndData(string name)
    {
        var a = CreateSmall(name, 42);
        var b = CreateSmall(name, 42);
        a.Run(15);
        b.Run(15);
        Assert.Equal(a.StateHash(), b.StateHash());
        Assert.Equal(Csv(a), Csv(b));
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Run_DifferentSeed_DifferentStateHash(string name)
    {
        var a = CreateSmall(name, 42);
        var b = CreateSmall(name, 43);
        a.Run(5);
        b.Run(5);
        Assert.NotEqual(a.StateHash(), b.StateHash());
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Create_DifferentRunKey_DifferentStateHash(string name)
    {
        var a = Catalog.CreatePreset(name, "small", 42, runKey: 1);
        var b = Catalog.CreatePreset(name, "small", 42, runKey: 2);
        Assert.NotEqual(a.StateHash(), b.StateHash());
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Restore_CheckpointAtEveryStep_ContinuesExactlyAsUninterruptedRun(string name)
    {
        const int total = 12;
        var overrides = new Dictionary<string, object?> { ["collectAgents"] = true, ["collectEvery"] = 2L };
        var reference = CreateSmall(name, 7, overrides);
        var hashes = new List<ulong> { reference.StateHash() };
        for (var s = 0; s < total; s++)
        {
            reference.Step();
            hashes.Add(reference.StateHash());
        }

        foreach (var k in new[] { 0, 1, 5, total })
        {
            var partial = CreateSmall(name, 7, overrides);
            partial.Run(k);
            Assert.Equal(hashes[k], partial.StateHash());
            var restored = Catalog.Restore(partial.SaveCheckpoint());
            Assert.Equal(k, restored.StepCount);
            Assert.Equal(hashes[k], restored.StateHash());
            restored.Run(total - k);
            Assert.Equal(hashes[total], restored.StateHash());
            Assert.Equal(Csv(reference), Csv(restored));
            foreach (var reporter in reference.ReporterNames)
            {
                Assert.Equal(reference.Report(reporter), restored.Report(reporter));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Restore_LargePresetMidRun_MatchesUninterruptedRun(string name)
    {
        var reference = Catalog.CreatePreset(name, "large", 11);
        reference.Run(6);
        var partial = Catalog.CreatePreset(name, "large", 11);
        partial.Run(3);
        using var stream = new MemoryStream();
        partial.SaveCheckpoint(stream);
        stream.Position = 0;
        var restored = Catalog.Restore(stream);
        restored.Run(3);
        Assert.Equal(reference.StateHash(), restored.StateHash());
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void SaveCheckpoint_RestoredModel_WritesIdenticalBytes(string name)
    {
        var model = CreateSmall(name, 3);
        model.Run(4);
        var bytes = model.SaveCheckpoint();
        Assert.Equal(bytes, Catalog.Restore(bytes).SaveCheckpoint());
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Step_CollectionOff_AllocatesNothing(string name)
    {
        var model = CreateSmall(name, 5, new Dictionary<string, object?> { ["collectEvery"] = 0L });
        // Warm up: lets populations reach their working capacity and the JIT settle.
        model.Run(30);
        var before = GC.GetAllocatedBytesForCurrentThread();
        model.Run(10);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{name} allocated {allocated} bytes in 10 steps");
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Run_ConcurrentInstances_MatchSequentialRuns(string name)
    {
        var expected = Enumerable.Range(0, 4).Select(i =>
        {
            var m = CreateSmall(name, (ulong)i);
            m.Run(10);
            return m.StateHash();
        }).ToArray();
        var actual = new ulong[4];
        Parallel.For(0, 4, i =>
        {
            var m = CreateSmall(name, (ulong)i);
            m.Run(10);
            actual[i] = m.StateHash();
        });
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Report_EveryReporter_IsFiniteAndNamed(string name)
    {
        var model = CreateSmall(name, 1);
        model.Run(3);
        Assert.Equal(Catalog.Get(name).Reporters, model.ReporterNames);
        foreach (var reporter in model.ReporterNames)
        {
            Assert.True(double.IsFinite(model.Report(reporter)), reporter);
        }

        Assert.Throws<ArgumentException>(() => model.Report("noSuchReporter"));
    }
}
