using System.Text.Json;
using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Tests.Catalog;

public sealed class ModelCatalogTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.Default;

    [Fact]
    public void Default_ListsEveryReferenceModelWithSchemaAndPresets()
    {
        Assert.Equal(["boltzmann", "flocking", "forestfire", "schelling", "wolfsheep"], Catalog.Models.Select(m => m.Name));
        foreach (var model in Catalog.Models)
        {
            Assert.NotEmpty(model.Description);
            Assert.Contains(model.Parameters, p => p.Name == "collectEvery");
            Assert.True(model.Presets.ContainsKey("small") && model.Presets.ContainsKey("large"));
            Assert.All(model.Parameters, p => Assert.NotEmpty(p.Description));
            Assert.Empty(Catalog.Validate(model.Name, model.Presets["large"]));
        }
    }

    [Fact]
    public void ReferenceModels_DeclareADomainForEveryReporterThatTheirValuesKeep()
    {
        foreach (var model in Catalog.Models)
        {
            Assert.Equal(model.Reporters.Order(StringComparer.Ordinal), model.MetricDomains.Keys.Order(StringComparer.Ordinal));
            var instance = Catalog.CreatePreset(model.Name, "small", seed: 5);
            for (var step = 0; step < 30; step++)
            {
                instance.Step();
                foreach (var reporter in model.Reporters)
                {
                    var value = instance.Report(reporter);
                    var inDomain = model.DomainOf(reporter) switch
                    {
                        MetricDomain.Fraction => value is >= 0 and <= 1,
                        MetricDomain.Outcome => value is 0 or 1,
                        MetricDomain.Count => value >= 0 && value == Math.Floor(value),
                        MetricDomain.NonNegative => value >= 0,
                        _ => double.IsFinite(value),
                    };
                    Assert.True(inDomain, $"{model.Name}.{reporter} = {value} at step {step + 1} is outside {model.DomainOf(reporter)}");
                }
            }
        }
    }

    [Fact]
    public void Validate_Defaults_HaveNoErrors()
    {
        foreach (var model in Catalog.Models)
        {
            Assert.Empty(Catalog.Validate(model.Name, new Dictionary<string, object?>()));
            Assert.Empty(Catalog.Validate(model.Name, null));
        }
    }

    [Fact]
    public void Validate_SeveralBadParameters_ReportsEveryOneByName()
    {
        var errors = Catalog.Validate("schelling", new Dictionary<string, object?>
        {
            ["width"] = "forty",
            ["radius"] = 0L,
            ["minToBeHappy"] = 2.5,
            ["colour"] = "red",
            ["torus"] = 1L,
        });
        Assert.Equal(["colour", "minToBeHappy", "radius", "torus", "width"], errors.Select(e => e.Parameter).Order(StringComparer.Ordinal));
        Assert.Contains("whole number", errors.Single(e => e.Parameter == "width").Message, StringComparison.Ordinal);
        Assert.Contains("out of range", errors.Single(e => e.Parameter == "radius").Message, StringComparison.Ordinal);
        Assert.Contains("Unknown parameter", errors.Single(e => e.Parameter == "colour").Message, StringComparison.Ordinal);
        Assert.Contains("true or false", errors.Single(e => e.Parameter == "torus").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schelling", "width", 40.0, true)]
    [InlineData("schelling", "width", 40.5, false)]
    [InlineData("schelling", "width", 40, true)]
    [InlineData("schelling", "width", -1, false)]
    [InlineData("flocking", "visualDistance", 3, true)]
    [InlineData("flocking", "visualDistance", double.NaN, false)]
    [InlineData("flocking", "visualDistance", double.PositiveInfinity, false)]
    [InlineData("wolfsheep", "sheepReproduce", 1.5, false)]
    [InlineData("wolfsheep", "sheepReproduce", 0.5, true)]
    [InlineData("forestfire", "density", 0.5f, true)]
    [InlineData("boltzmann", "torus", false, true)]
    [InlineData("boltzmann", "torus", "false", false)]
    [InlineData("boltzmann", "agents", null, false)]
    public void Validate_SingleValue_AcceptsOrRejects(string model, string parameter, object? value, bool valid)
    {
        var errors = Catalog.Validate(model, new Dictionary<string, object?> { [parameter] = value });
        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal(parameter, Assert.Single(errors).Parameter);
        }
    }

    [Fact]
    public void Validate_JsonElements_AreAcceptedLikeClrValues()
    {
        using var doc = JsonDocument.Parse("""{"width": 50.0, "height": 50, "agents": 100, "torus": true, "radius": "2"}""");
        var values = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        var errors = Catalog.Validate("schelling", values);
        Assert.Equal("radius", Assert.Single(errors).Parameter);
        values.Remove("radius");
        var model = Catalog.Create("schelling", values, seed: 1);
        Assert.Equal(50L, model.Parameters["width"]);
        Assert.Equal(true, model.Parameters["torus"]);
    }

    [Fact]
    public void Validate_CrossParameterRule_NamesParameter()
    {
        var errors = Catalog.Validate("schelling", new Dictionary<string, object?> { ["width"] = 10L, ["height"] = 10L, ["agents"] = 101L });
        Assert.Equal("agents", Assert.Single(errors).Parameter);
    }

    [Fact]
    public void Validate_WrongCase_SuggestsParameter()
    {
        var error = Assert.Single(Catalog.Validate("schelling", new Dictionary<string, object?> { ["MinToBeHappy"] = 3L }));
        Assert.Contains("minToBeHappy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownModel_ReportsModel()
    {
        var error = Assert.Single(Catalog.Validate("sugarscape", null));
        Assert.Equal("model", error.Parameter);
        Assert.Contains("schelling", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InvalidParameters_ThrowsWithAllErrors()
    {
        var error = Assert.Throws<ModelParameterException>(() => Catalog.Create("wolfsheep", new Dictionary<string, object?> { ["width"] = 0L, ["wolfReproduce"] = -1.0 }, 1));
        Assert.Equal(2, error.Errors.Count);
        Assert.Equal("wolfsheep", error.Model);
    }

    [Fact]
    public void Create_NameIgnoresCase_AndPresetOverridesApply()
    {
        var model = Catalog.CreatePreset("Schelling", "LARGE", seed: 1, overrides: new Dictionary<string, object?> { ["collectEvery"] = 5L });
        Assert.Equal("schelling", model.Name);
        Assert.Equal(8000L, model.Parameters["agents"]);
        Assert.Equal(5, model.CollectEvery);
    }

    [Fact]
    public void CreatePreset_UnknownPreset_NamesPreset()
    {
        var error = Assert.Throws<ModelParameterException>(() => Catalog.CreatePreset("schelling", "huge", 1));
        Assert.Equal("preset", Assert.Single(error.Errors).Parameter);
    }

    [Fact]
    public void Create_GenericModel_StepsAndReportsByName()
    {
        var model = Catalog.Create("boltzmann", new Dictionary<string, object?> { ["agents"] = 50.0 }, seed: 9);
        model.Run(3);
        Assert.Equal(3, model.StepCount);
        Assert.Equal(50.0, model.Report("totalWealth"));
        Assert.Equal(4, model.Data.ModelRowCount);
    }
}
