using System.Text.Json.Serialization;

namespace Swarm.Durable.History;

/// <summary>
/// Something the orchestrator code asked for in an episode; mirrors the protobuf <c>OrchestratorAction</c>
/// (an id and exactly one action type).
/// </summary>
/// <param name="Id">The action id; the history event the action produces carries it as its event id.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ScheduleTaskAction), "scheduleTask")]
[JsonDerivedType(typeof(CreateSubOrchestrationAction), "createSubOrchestration")]
[JsonDerivedType(typeof(CreateTimerAction), "createTimer")]
[JsonDerivedType(typeof(SendEventAction), "sendEvent")]
[JsonDerivedType(typeof(CompleteOrchestrationAction), "completeOrchestration")]
[JsonDerivedType(typeof(TerminateOrchestrationAction), "terminateOrchestration")]
public abstract record OrchestratorAction(int Id);
