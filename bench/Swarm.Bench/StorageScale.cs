namespace Swarm.Bench;

/// <summary>How much work each storage benchmark does per repetition.</summary>
internal sealed record StorageScale(bool Quick)
{
    public int Repetitions => Quick ? 2 : 5;

    public int Entities => Quick ? 100 : 1000;

    public int Concurrency => 8;

    public int BlobBytes => Quick ? 1 << 20 : 16 << 20;

    public int Messages => Quick ? 100 : 1000;
}
