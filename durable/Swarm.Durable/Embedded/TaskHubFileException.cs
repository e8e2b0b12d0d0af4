namespace Swarm.Durable.Embedded;

/// <summary>A task hub file that cannot be used; the message is one line naming the file and what to do about it.</summary>
public sealed class TaskHubFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    public TaskHubFileException(string filePath, TaskHubFileProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file that was checked.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public TaskHubFileProblem Problem { get; }
}
