namespace Swarm.Infra.Tests;

/// <summary>The Azure built-in roles the function app's identity needs, by role definition id.</summary>
/// <remarks>
/// Ids from https://learn.microsoft.com/azure/role-based-access-control/built-in-roles (Storage, Integration
/// and Monitor sections). Built-in role ids are the same in every tenant and subscription. One per client the app
/// uses; no Service Bus Data Sender: nothing in the app sends (<c>swarm submit --servicebus</c> runs as a developer).
/// </remarks>
internal static class BuiltInRoles
{
    /// <summary>Role definition id (lowercase) to role name.</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"] = "Azure Service Bus Data Receiver",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };
}
