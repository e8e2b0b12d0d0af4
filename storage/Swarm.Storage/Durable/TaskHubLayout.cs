using System.Globalization;

namespace Swarm.Storage.Durable;

/// <summary>
/// The names of a task hub's storage resources, modelled on Durable Functions' Azure Storage provider:
/// <c>{hub}Instances</c> and <c>{hub}History</c> tables, <c>{hub}-control-NN</c> queues, the <c>{hub}-workitems</c>
/// queue and the <c>{hub}-largemessages</c> container.
/// </summary>
internal sealed class TaskHubLayout
{
    public TaskHubLayout(string taskHubName, int partitionCount)
    {
        if (taskHubName.Length is < 3 or > 45 || !char.IsAsciiLetter(taskHubName[0]) || !taskHubName.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Task hub name '{taskHubName}' is invalid: 3-45 ASCII letters and digits, starting with a letter.", nameof(taskHubName));
        }

        if (partitionCount is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(partitionCount), partitionCount, "A task hub has 1-16 control queue partitions.");
        }

        var lower = taskHubName.ToLowerInvariant();
        InstancesTable = taskHubName + "Instances";
        HistoryTable = taskHubName + "History";
        ControlQueues = Enumerable.Range(0, partitionCount).Select(i => $"{lower}-control-{i:D2}").ToArray();
        WorkItemQueue = lower + "-workitems";
        PayloadContainer = lower + "-largemessages";
    }

    public string InstancesTable { get; }

    public string HistoryTable { get; }

    public IReadOnlyList<string> ControlQueues { get; }

    public string WorkItemQueue { get; }

    public string PayloadContainer { get; }

    /// <summary>The control queue partition of <paramref name="instanceId"/>: a stable hash, the same in every process.</summary>
    public int PartitionOf(string instanceId)
    {
        // string.GetHashCode is randomized per process; every worker must agree on the partition.
        var hash = 2166136261u;
        foreach (var c in instanceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)ControlQueues.Count);
    }

    /// <summary>The history row key: execution id, then a sortable sequence number.</summary>
    public static string HistoryRowKey(string executionId, int sequence) =>
        executionId + "." + sequence.ToString("D8", CultureInfo.InvariantCulture);
}
