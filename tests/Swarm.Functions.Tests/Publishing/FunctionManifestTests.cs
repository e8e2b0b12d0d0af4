using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Swarm.Cli;
using Swarm.Functions.Http;
using Swarm.Functions.Publishing;
using Swarm.Functions.Timers;
using Swarm.Functions.Triggers;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Publishing;

public sealed class FunctionManifestTests
{
    private static readonly IReadOnlyList<FunctionDefinition> Deployed = FunctionManifest.Deployed();

    private static readonly Type[] FunctionClasses = [.. typeof(FunctionManifest).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetCustomAttribute<FunctionAttribute>() is not null)];

    [Fact]
    public void Deployed_EveryFunctionClass_HasExactlyOneDefinitionMatchingItsAttributes()
    {
        Assert.NotEmpty(FunctionClasses);
        foreach (var type in FunctionClasses)
        {
            var name = type.GetCustomAttribute<FunctionAttribute>()!.Name;
            var definition = Assert.Single(Deployed, f => f.Name == name);
            Assert.Equal(type, definition.Type);
            var bindings = Bindings(definition);
            var trigger = bindings[0];
            Assert.Equal("in", (string?)trigger["direction"]);
            AssertDurableClient(bindings);
            if (type.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                Assert.Equal(FunctionKind.Http, definition.Kind);
                Assert.True(typeof(IHttpFunction).IsAssignableFrom(type));
                Assert.Equal("httpTrigger", (string?)trigger["type"]);
                Assert.Equal("req", (string?)trigger["name"]);
                Assert.Equal(http.Route, (string?)trigger["route"]);
                Assert.Equal(http.AuthLevel, (string?)trigger["authLevel"]);
                Assert.Equal(http.Methods.Select(m => m.ToLowerInvariant()), trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
                var output = Assert.Single(bindings, b => (string?)b["direction"] == "out");
                Assert.Equal("http", (string?)output["type"]);
                Assert.Equal("res", (string?)output["name"]);
            }
            else if (type.GetCustomAttribute<ServiceBusTriggerAttribute>() is { } serviceBus)
            {
                Assert.Equal(FunctionKind.ServiceBus, definition.Kind);
                Assert.Equal("serviceBusTrigger", (string?)trigger["type"]);
                Assert.Equal(serviceBus.QueueName, (string?)trigger["queueName"]);
                Assert.Equal(serviceBus.Connection, (string?)trigger["connection"]);
                Assert.DoesNotContain(bindings, b => (string?)b["direction"] == "out");
            }
            else
            {
                var timer = type.GetCustomAttribute<TimerTriggerAttribute>();
                Assert.NotNull(timer);
                Assert.Equal(FunctionKind.Timer, definition.Kind);
                Assert.True(typeof(ITimerFunction).IsAssignableFrom(type));
                Assert.Equal("timerTrigger", (string?)trigger["type"]);
                Assert.Equal(timer.Schedule, (string?)trigger["schedule"]);
                Assert.False((bool)trigger["runOnStartup"]!);
                Assert.Equal(timer.UseMonitor, (bool)trigger["useMonitor"]!);
                Assert.DoesNotContain(bindings, b => (string?)b["direction"] == "out");
            }
        }
    }

    [Fact]
    public void Deployed_EveryRegisteredOrchestratorAndActivity_HasExactlyOneTriggerDefinition()
    {
        var registry = FunctionManifest.DeployedRegistry();
        Assert.NotEmpty(registry.GetOrchestrators().Select(o => o.Key.Name));
        Assert.NotEmpty(registry.GetActivities().Select(a => a.Key.Name));
        foreach (var (names, kind, type, binding) in new[]
        {
            (registry.GetOrchestrators().Select(o => o.Key.Name), FunctionKind.Orchestration, "orchestrationTrigger", "context"),
            (registry.GetActivities().Select(a => a.Key.Name), FunctionKind.Activity, "activityTrigger", "input"),
        })
        {
            foreach (var name in names)
            {
                var definition = Assert.Single(Deployed, f => f.Name == name);
                Assert.Equal(kind, definition.Kind);
                Assert.Null(definition.Type);
                var trigger = Assert.Single(Bindings(definition));
                Assert.Equal(type, (string?)trigger["type"]);
                Assert.Equal(binding, (string?)trigger["name"]);
                Assert.Equal("in", (string?)trigger["direction"]);
            }
        }

        Assert.Equal(FunctionClasses.Length + registry.GetOrchestrators().Select(o => o.Key.Name).Count() + registry.GetActivities().Select(a => a.Key.Name).Count(), Deployed.Count);
    }

    [Fact]
    public void Deployed_Names_AreUniqueAndValid()
    {
        Assert.Equal(Deployed.Count, Deployed.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(Deployed, f => Assert.True(FunctionManifest.IsValidName(f.Name), f.Name));
    }

    [Theory]
    [InlineData("Health", """{"bindings":[{"type":"httpTrigger","direction":"in","name":"req","authLevel":"anonymous","methods":["get"],"route":"health"},{"type":"http","direction":"out","name":"res"},{"type":"durableClient","direction":"in","name":"client"}]}""")]
    [InlineData("SubmitSweep", """{"bindings":[{"type":"httpTrigger","direction":"in","name":"req","authLevel":"anonymous","methods":["post"],"route":"sweeps"},{"type":"http","direction":"out","name":"res"},{"type":"durableClient","direction":"in","name":"client"}]}""")]
    [InlineData("SimulationJobs", """{"bindings":[{"type":"serviceBusTrigger","direction":"in","name":"message","queueName":"%SwarmJobsQueue%","connection":"ServiceBusConnection"},{"type":"durableClient","direction":"in","name":"client"}]}""")]
    [InlineData("NightlyBackup", """{"bindings":[{"type":"timerTrigger","direction":"in","name":"timer","schedule":"%SwarmBackupSchedule%","runOnStartup":false,"useMonitor":true},{"type":"durableClient","direction":"in","name":"client"}]}""")]
    [InlineData("SimulationRun", """{"bindings":[{"type":"orchestrationTrigger","direction":"in","name":"context"}]}""")]
    [InlineData("RunSimulationChunk", """{"bindings":[{"type":"activityTrigger","direction":"in","name":"input"}]}""")]
    public void Deployed_OneOfEachKind_MatchesHandWrittenFunctionJson(string name, string expected)
    {
        var definition = Assert.Single(Deployed, f => f.Name == name);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), definition.FunctionJson), definition.FunctionJson.ToJsonString());
    }

    [Theory]
    [InlineData("Health", true)]
    [InlineData("Run-Simulation_Chunk2", true)]
    [InlineData("2Health", false)]
    [InlineData("Health.Check", false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    public void IsValidName_Cases_MatchFunctionsNameRule(string name, bool valid) => Assert.Equal(valid, FunctionManifest.IsValidName(name));

    [Fact]
    public void IsValidName_TooLong_IsInvalid() => Assert.False(FunctionManifest.IsValidName("F" + new string('x', 128)));

    [Fact]
    public void Create_OrchestratorNamedLikeAFunctionClass_ThrowsNamingTheClash()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<string, string>("health", (_, input) => Task.FromResult(input));
        var error = Assert.Throws<InvalidOperationException>(() => FunctionManifest.Create(typeof(FunctionManifest).Assembly, registry));
        Assert.Contains("must be unique", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InvalidActivityName_ThrowsNamingIt()
    {
        var registry = new DurableTaskRegistry().AddActivityFunc<string, string>("Bad.Name", (_, input) => input);
        var error = Assert.Throws<InvalidOperationException>(() => FunctionManifest.Create(typeof(FunctionManifest).Assembly, registry));
        Assert.Contains("'Bad.Name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestCommand_Out_WritesOneFunctionJsonPerFunction()
    {
        var directory = Path.Combine(Path.GetTempPath(), "swarm-manifest-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "manifest", "--out", directory);
            Assert.True(exitCode == 0, output);
            var folders = Directory.GetDirectories(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(Deployed.Select(f => f.Name).Order(StringComparer.Ordinal), folders);
            foreach (var function in Deployed)
            {
                var written = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, function.Name, "function.json")));
                Assert.True(JsonNode.DeepEquals(function.FunctionJson, written), function.Name);
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void ManifestCommand_FileAsOut_ExitsWithInputError()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "manifest", "--out", file);
            Assert.Equal(2, exitCode);
            Assert.Contains("is a file; give a folder", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<JsonObject> Bindings(FunctionDefinition definition) => [.. definition.FunctionJson["bindings"]!.AsArray().Select(b => b!.AsObject())];

    private static void AssertDurableClient(List<JsonObject> bindings)
    {
        var client = Assert.Single(bindings, b => (string?)b["type"] == "durableClient");
        Assert.Equal("client", (string?)client["name"]);
        Assert.Equal("in", (string?)client["direction"]);
    }
}
