namespace Swarm.Orchestrations.State;

/// <summary>The state a workflow keeps outside orchestration history: records and blobs, from one backend.</summary>
public sealed record StateStore(IRecordStore Records, IBlobStore Blobs);
