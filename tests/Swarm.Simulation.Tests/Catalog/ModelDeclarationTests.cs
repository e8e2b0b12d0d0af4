using Swarm.Simulation.Catalog;
using Swarm.Simulation.Models.Schelling;
using Swarm.Simulation.Tests.Agents;

namespace Swarm.Simulation.Tests.Catalog;

public sealed class ModelDeclarationTests
{
    [Fact]
    public void Describe_ParameterRecord_DerivesSchemaDefaultsRangesAndPresets()
    {
        var schelling = ModelCatalog.Default.Get("schelling");

        var width = Assert.Single(schelling.Parameters, p => p.Name == "width");
        Assert.Equal(ParameterType.Int, width.Type);
        Assert.Equal(40L, width.Default);
        Assert.Equal((1.0, 100_000.0), (width.Min!.Value, width.Max!.Value));
        Assert.Equal("Grid width in cells.", width.Description);
        Assert.Equal(["width", "height", "agents", "radius", "minToBeHappy", "torus", "collectEvery", "collectAgents"], schelling.Parameters.Select(p => p.Name));
        Assert.Equal(8000L, schelling.Presets["large"]["agents"]);
        Assert.Equal(["happy", "happyFraction", "moved"], schelling.Reporters);
    }

    [Fact]
    public void Validate_SeveralBadValues_ListsEveryOneIncludingTheRecordsRules()
    {
        var errors = ModelCatalog.Default.Validate("schelling", new Dictionary<string, object?> { ["width"] = 0L, ["radius"] = 2.5, ["colour"] = "red" });

        Assert.Equal(["colour", "radius", "width"], errors.Select(e => e.Parameter).Order(StringComparer.Ordinal));
        var rule = ModelCatalog.Default.Validate("schelling", new Dictionary<string, object?> { ["width"] = 10L, ["height"] = 10L });
        Assert.Equal("agents", Assert.Single(rule).Parameter);
    }

    [Fact]
    public void Constructor_InvalidSettings_ThrowsListingEveryError()
    {
        var error = Assert.Throws<ModelParameterException>(() => new Schelling(SchellingParameters.Small with { Width = 0, MinToBeHappy = -1 }, new ModelContext()));

        Assert.Equal("schelling", error.Model);
        Assert.Equal(["minToBeHappy", "width"], error.Errors.Select(e => e.Parameter).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Describe_InvertedRangeAndDefaultOutOfRange_NamesAssemblyModelAndParameters()
    {
        var error = Assert.Throws<ModelLoadException>(() => ModelDeclaration.Describe(typeof(Misdeclared)));

        Assert.Contains("Model 'misdeclared'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Swarm.Simulation.Tests.dll", error.Message, StringComparison.Ordinal);
        Assert.Contains("'low' has Min 5 above Max 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'rate' defaults to 2, outside its range [0, 1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("'names' has type List`1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_SameModelNameTwice_NamesTheAssemblyAndTheModel()
    {
        var once = ModelCatalog.Default.With([typeof(Colony).Assembly]);

        var error = Assert.Throws<ModelLoadException>(() => once.With([typeof(Colony).Assembly]));

        Assert.Contains("Swarm.Simulation.Tests.dll defines model 'colony'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ModelWithoutTheExpectedConstructor_SaysWhichConstructor()
    {
        var error = Assert.Throws<ModelLoadException>(() => ModelDeclaration.Describe(typeof(string)));

        Assert.Contains("does not derive from Swarm.Simulation.Model<TParameters>", error.Message, StringComparison.Ordinal);
    }
}
