using DurableTask.Core;

namespace Swarm.Durable.TaskHub;

/// <summary>
/// DurableTask.Core's name/version lookup answered from the SDK's task factory: the dispatcher asks for
/// an orchestration or activity by name and gets the SDK's registered task wrapped in its shim.
/// </summary>
/// <remarks>
/// The registry (<c>DurableTaskRegistry</c>) stays the only list of tasks; nothing is registered twice.
/// A fresh task is created per request because SDK orchestrators and activities may hold per-run state.
/// </remarks>
internal sealed class SdkTaskCatalog<T>(Func<string, T?> create) : INameVersionObjectManager<T>
    where T : class
{
    /// <summary>Not used: tasks come from the SDK's registry.</summary>
    public void Add(ObjectCreator<T> creator) =>
        throw new NotSupportedException("Tasks are registered through the Durable Task SDK's registry.");

    /// <inheritdoc />
    public T? GetObject(string name, string? version) => create(name);
}
