using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Swarm.Cli;
using Swarm.Functions.Hosting;
using Swarm.Simulation.Catalog;

namespace Swarm.Functions.Tests.Http;

/// <summary>The real function app on Kestrel at 127.0.0.1 (a free port), on a real durable backend, with an ephemeral signing key.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly DirectoryInfo? _folder;

    private ApiHost(LocalSwarm swarm, LocalSigningKey key, WebApplication app, DirectoryInfo? folder)
    {
        Swarm = swarm;
        Key = key;
        App = app;
        _folder = folder;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public LocalSwarm Swarm { get; }

    public LocalSigningKey Key { get; }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public static async Task<ApiHost> StartEmbeddedAsync(int rateLimitPermits = 100_000, long maxBodyBytes = 64 * 1024)
    {
        var folder = Directory.CreateTempSubdirectory("swarm-api-");
        var swarm = await LocalSwarm.StartAsync(folder.FullName, ModelCatalog.Default);
        return await StartAsync(swarm, folder, rateLimitPermits, maxBodyBytes);
    }

    /// <summary>On the embedded backend in <paramref name="dataFolder"/>, which the caller owns.</summary>
    public static async Task<ApiHost> StartEmbeddedInAsync(string dataFolder)
    {
        var swarm = await LocalSwarm.StartAsync(dataFolder, ModelCatalog.Default);
        return await StartAsync(swarm, null, 100_000, 64 * 1024);
    }

    public static async Task<ApiHost> StartAzureAsync(string connectionString)
    {
        var swarm = await LocalSwarm.StartAzureAsync(connectionString, "Api" + Guid.NewGuid().ToString("N")[..8], ModelCatalog.Default);
        return await StartAsync(swarm, null, 100_000, 64 * 1024);
    }

    private static async Task<ApiHost> StartAsync(LocalSwarm swarm, DirectoryInfo? folder, int rateLimitPermits, long maxBodyBytes)
    {
        var key = LocalSigningKey.CreateEphemeral();
        var app = await FunctionApp.CreateAsync(new FunctionAppOptions
        {
            Client = swarm.Client,
            Store = swarm.Store,
            LocalSigningKey = key.Key,
            Urls = ["http://127.0.0.1:0"],
            RateLimitPermits = rateLimitPermits,
            RateLimitWindow = TimeSpan.FromHours(1),
            MaxRequestBodyBytes = maxBodyBytes,
        }, args: ["--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        return new ApiHost(swarm, key, app, folder);
    }

    public string Token(params string[] roles) => Key.Mint("tester", roles.Length == 0 ? SwarmRoles.All : roles, TimeSpan.FromHours(1));

    public string TokenFor(string subject, params string[] roles) => Key.Mint(subject, roles, TimeSpan.FromHours(1));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, string? json = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, Token());

    public Task<HttpResponseMessage> PostAsync(string path, string? json = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, Token(), json, r =>
        {
            if (idempotencyKey is not null)
            {
                r.Headers.Add("Idempotency-Key", idempotencyKey);
            }
        });

    /// <summary>Polls the status URL until the instance has finished (200), and returns its last status.</summary>
    public async Task<JsonElement> WaitForCompletionAsync(string id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            using var response = await GetAsync($"/runtime/webhooks/durabletask/instances/{id}");
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            await Task.Delay(100, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Swarm.DisposeAsync();
        Key.Dispose();
        try
        {
            _folder?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }
}
