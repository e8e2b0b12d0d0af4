using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Tests.State;

/// <summary>The state-store contract on the embedded store (SQLite file and blob folder in a temporary folder).</summary>
public sealed class EmbeddedStateStoreContractTests : StateStoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("swarm-state-").FullName;

    protected override StateStore OpenStore() => EmbeddedStateStore.Open(_folder);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
