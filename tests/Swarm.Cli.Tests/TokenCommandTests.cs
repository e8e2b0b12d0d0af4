using System.Net;
using System.Net.Http.Headers;
using Swarm.Functions.Hosting;
using Swarm.Simulation.Catalog;
using Swarm.Testing;

namespace Swarm.Cli.Tests;

public sealed class TokenCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-token-");

    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file; the OS cleans temp folders.
        }
    }

    [Fact]
    public void OpenOrCreate_Twice_LoadsTheSameKeyReadableByTheOwnerOnly()
    {
        using var first = LocalSigningKey.OpenOrCreate(_folder.FullName);
        using var second = LocalSigningKey.OpenOrCreate(_folder.FullName);

        Assert.Equal(first.Key.KeyId, second.Key.KeyId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LocalSigningKey.PathIn(_folder.FullName)));
        }
    }

    [Fact]
    public void OpenOrCreate_CorruptKeyFile_IsAClearError()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LocalSigningKey.PathIn(_folder.FullName))!);
        File.WriteAllText(LocalSigningKey.PathIn(_folder.FullName), "not a key");

        var error = Assert.Throws<InvalidDataException>(() => LocalSigningKey.OpenOrCreate(_folder.FullName));

        Assert.Contains("signing-key.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCommand_ReadRole_IsAcceptedForReadsAndRefusedForWrites()
    {
        var data = Path.Combine(_folder.FullName, "data");
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "token", "--role", "Swarm.Read", "--subject", "reader", "--data", data);
        Assert.True(exitCode == 0, output);
        var token = output.Trim();

        await using var swarm = await LocalSwarm.StartAsync(data, ModelCatalog.Default);
        using var key = LocalSigningKey.OpenOrCreate(data);
        await using var app = await FunctionApp.CreateAsync(
            new FunctionAppOptions { Client = swarm.Client, Store = swarm.Store, LocalSigningKey = key.Key, Urls = ["http://127.0.0.1:0"] },
            args: ["--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var read = await client.GetAsync("/api/models");
        using var write = await client.PostAsync("/api/simulations", new StringContent(SampleJobs.Simulation, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Theory]
    [InlineData("--role", "Swarm.Root")]
    [InlineData("--hours", "0")]
    [InlineData("--subject", " ")]
    public void TokenCommand_BadOption_ExitsWithInputError(string option, string value)
    {
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "token", option, value, "--data", _folder.FullName);

        Assert.Equal(2, exitCode);
        Assert.Contains(option, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NoKeyAndNoEntraSettings_RefusesToStartAnonymously()
    {
        await using var swarm = await LocalSwarm.StartAsync(Path.Combine(_folder.FullName, "entra"), ModelCatalog.Default);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionApp.CreateAsync(new FunctionAppOptions { Client = swarm.Client, Store = swarm.Store }));

        Assert.Contains("Auth__Authority", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_EntraSettings_ServesAndChallengesCallersWithoutTokens()
    {
        await using var swarm = await LocalSwarm.StartAsync(Path.Combine(_folder.FullName, "entra"), ModelCatalog.Default);
        await using var app = await FunctionApp.CreateAsync(
            new FunctionAppOptions { Client = swarm.Client, Store = swarm.Store, Urls = ["http://127.0.0.1:0"] },
            args: ["--Auth:Authority=https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0", "--Auth:Audience=api://swarm", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await client.GetAsync("/api/models");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
