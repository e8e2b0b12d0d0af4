using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Swarm.Functions.Hosting;
using Swarm.Functions.Triggers;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Http;

/// <summary><c>GET /api/models</c>: the model catalog, each model with a JSON Schema of its parameters, its presets and reporters.</summary>
[Function("ListModels")]
[HttpTrigger("models", "get")]
[Authorize(Policy = SwarmRoles.Read)]
public sealed class ListModelsFunction : IHttpFunction
{
    private readonly JsonObject _catalog;

    /// <summary>Describes <paramref name="catalog"/> once; it does not change while the app runs.</summary>
    public ListModelsFunction(ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var models = new JsonArray();
        foreach (var model in catalog.Models)
        {
            var properties = new JsonObject();
            foreach (var p in model.Parameters)
            {
                properties[p.Name] = Schema(p);
            }

            var presets = new JsonObject();
            foreach (var (name, values) in model.Presets)
            {
                var preset = new JsonObject();
                foreach (var (parameter, value) in values)
                {
                    preset[parameter] = JsonSerializer.SerializeToNode(value);
                }

                presets[name] = preset;
            }

            models.Add(new JsonObject
            {
                ["name"] = model.Name,
                ["description"] = model.Description,
                ["parameters"] = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["properties"] = properties,
                },
                ["presets"] = presets,
                ["reporters"] = new JsonArray([.. model.Reporters.Select(r => JsonValue.Create(r))]),
                ["reporterDomains"] = new JsonObject(model.Reporters.Select(r =>
                    KeyValuePair.Create(r, (JsonNode?)JsonNamingPolicy.CamelCase.ConvertName(model.DomainOf(r).ToString())))),
            });
        }

        _catalog = new JsonObject { ["models"] = models };
    }

    /// <inheritdoc />
    public Task<IResult> RunAsync(HttpContext context) => Task.FromResult<IResult>(TypedResults.Ok(_catalog));

    private static JsonObject Schema(ParameterSpec p)
    {
        var schema = new JsonObject
        {
            ["type"] = p.Type switch
            {
                ParameterType.Int => "integer",
                ParameterType.Double => "number",
                ParameterType.Bool => "boolean",
                _ => "string",
            },
            ["description"] = p.Description,
            ["default"] = JsonSerializer.SerializeToNode(p.Default),
        };
        if (p.Min is { } min)
        {
            schema["minimum"] = min;
        }

        if (p.Max is { } max)
        {
            schema["maximum"] = max;
        }

        if (p.Choices is { } choices)
        {
            schema["enum"] = new JsonArray([.. choices.Select(c => JsonValue.Create(c))]);
        }

        return schema;
    }
}
