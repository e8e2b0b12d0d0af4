using Microsoft.Extensions.DependencyInjection;

namespace Swarm.Durable;

/// <summary>Maps orchestrator and activity names to their implementations (constructed through DI per use).</summary>
/// <remarks>Names compare case-insensitively. Register everything before a worker starts; the registry is then read-only in use.</remarks>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered orchestrator names.</summary>
    public IEnumerable<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>The registered activity names.</summary>
    public IEnumerable<string> ActivityNames => _activities.Keys;

    /// <summary>Registers <typeparamref name="T"/> under its type name.</summary>
    public DurableTaskRegistry AddOrchestrator<T>()
        where T : class, ITaskOrchestrator =>
        AddOrchestrator(typeof(T).Name, static services => ActivatorUtilities.CreateInstance<T>(services));

    /// <summary>Registers an orchestrator factory under <paramref name="name"/>.</summary>
    public DurableTaskRegistry AddOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_orchestrators.TryAdd(name, factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an orchestrator written as a function.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var orchestrator = new FuncOrchestrator<TInput, TOutput>(implementation);
        return AddOrchestrator(name, _ => orchestrator);
    }

    /// <summary>Registers <typeparamref name="T"/> under its type name.</summary>
    public DurableTaskRegistry AddActivity<T>()
        where T : class, ITaskActivity =>
        AddActivity(typeof(T).Name, static services => ActivatorUtilities.CreateInstance<T>(services));

    /// <summary>Registers an activity factory under <paramref name="name"/>.</summary>
    public DurableTaskRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an activity written as an asynchronous function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var activity = new FuncActivity<TInput, TOutput>(implementation);
        return AddActivity(name, _ => activity);
    }

    /// <summary>Registers an activity written as a synchronous function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, TOutput> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddActivityFunc<TInput, TOutput>(name, (context, input) => Task.FromResult(implementation(context, input)));
    }

    /// <summary>Creates the orchestrator registered under <paramref name="name"/>, or returns false.</summary>
    public bool TryCreateOrchestrator(string name, IServiceProvider services, out ITaskOrchestrator? orchestrator)
    {
        if (_orchestrators.TryGetValue(name, out var factory))
        {
            orchestrator = factory(services);
            return true;
        }

        orchestrator = null;
        return false;
    }

    /// <summary>Creates the activity registered under <paramref name="name"/>, or returns false.</summary>
    public bool TryCreateActivity(string name, IServiceProvider services, out ITaskActivity? activity)
    {
        if (_activities.TryGetValue(name, out var factory))
        {
            activity = factory(services);
            return true;
        }

        activity = null;
        return false;
    }
}
