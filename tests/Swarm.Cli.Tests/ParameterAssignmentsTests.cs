namespace Swarm.Cli.Tests;

public sealed class ParameterAssignmentsTests
{
    [Theory]
    [InlineData("width=40", 40L)]
    [InlineData("density=0.7", 0.7)]
    [InlineData("torus=true", true)]
    [InlineData("order=random", "random")]
    [InlineData(" radius = 2 ", 2L)]
    public void Parse_Value_KeepsTheJsonLikeType(string assignment, object expected)
    {
        var values = ParameterAssignments.Parse([assignment], out var errors);

        Assert.Empty(errors);
        Assert.Equal(expected, Assert.Single(values).Value);
    }

    [Fact]
    public void Parse_MalformedAndRepeated_ReportsEachProblem()
    {
        ParameterAssignments.Parse(["=1", "width", "width=1", "width=2"], out var errors);

        Assert.Equal(3, errors.Count);
    }
}
