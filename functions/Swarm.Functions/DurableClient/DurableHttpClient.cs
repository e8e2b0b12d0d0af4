using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Swarm.Durable;
using Swarm.Durable.History;
using Swarm.Functions.Http;

namespace Swarm.Functions.DurableClient;

/// <summary>
/// A <see cref="DurableTaskClient"/> over the Durable Functions management HTTP API of the task hub a
/// <see cref="DurableClientBinding"/> names: the Durable extension's <c>/runtime/webhooks/durabletask</c> in Azure, or
/// this app's own copy of those endpoints locally.
/// </summary>
/// <remarks>
/// <para>Requests: start <c>POST {base}/orchestrators/{name}/{id}</c> (body: the input as JSON); status
/// <c>GET {base}/instances/{id}?showInput=…&amp;showHistory=false</c>; query <c>GET {base}/instances?runtimeStatus=…&amp;createdTimeFrom=…&amp;createdTimeTo=…&amp;top=…&amp;instanceIdPrefix=…</c>
/// with the <c>x-ms-continuation-token</c> header both ways; <c>POST {base}/instances/{id}/raiseEvent/{event}</c>,
/// <c>…/terminate?reason=</c>, <c>…/suspend?reason=</c>, <c>…/resume?reason=</c>; purge <c>DELETE {base}/instances/{id}</c>
/// and <c>DELETE {base}/instances?createdTimeFrom=…&amp;createdTimeTo=…&amp;runtimeStatus=…</c>. Every request carries the
/// binding's required query string (task hub, connection, system key); callers who authenticate otherwise (a bearer
/// token) configure the <see cref="HttpClient"/>.</para>
/// <para>Answers map to what the embedded client does: 404 on a command is <see cref="OrchestrationNotFoundException"/>;
/// 410 (the instance already finished) is ignored, as the embedded backend ignores messages to a finished instance;
/// a start refused with 409 — or the extension's 500 carrying DurableTask's <c>OrchestrationAlreadyExistsException</c> —
/// is <see cref="OrchestrationAlreadyExistsException"/>; 400 is <see cref="ArgumentException"/>; any other failure is an
/// <see cref="HttpRequestException"/> with the status code (its message never holds the query string and its key).</para>
/// <para>What the HTTP API cannot express: a delayed start (<see cref="StartOrchestrationOptions.StartAt"/> throws
/// <see cref="NotSupportedException"/>); an orchestrator-name filter, applied to each page here, so a page may hold fewer
/// than <see cref="OrchestrationQuery.PageSize"/> instances. With <see cref="DurableClientOptions.ReplaceFinishedInstances"/>
/// off, a start first reads the instance (the API itself replaces finished instances).</para>
/// <para>The binding can change while the client lives (<see cref="Bind"/>): the custom handler binds it from each
/// invocation's <c>durableClient</c> value, which is the same for every invocation of one host.</para>
/// </remarks>
public sealed class DurableHttpClient : DurableTaskClient
{
    private const int MaxDetailLength = 500;

    private readonly HttpClient _http;
    private DurableClientBinding? _binding;

    /// <summary>Creates a client that is bound later (<see cref="Bind"/>).</summary>
    public DurableHttpClient(HttpClient httpClient)
        : this(httpClient, new DurableClientOptions())
    {
    }

    /// <summary>Creates a client with options, bound later (<see cref="Bind"/>).</summary>
    public DurableHttpClient(HttpClient httpClient, DurableClientOptions options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
    }

    /// <summary>Creates a client bound to <paramref name="binding"/>.</summary>
    public DurableHttpClient(HttpClient httpClient, DurableClientBinding binding, DurableClientOptions? options = null)
        : this(httpClient, options ?? new DurableClientOptions())
    {
        Bind(binding);
    }

    /// <summary>The binding requests go to; null until one is bound.</summary>
    public DurableClientBinding? Binding => Volatile.Read(ref _binding);

    /// <summary>Sends every later request to the task hub of <paramref name="binding"/>.</summary>
    public void Bind(DurableClientBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        Volatile.Write(ref _binding, binding);
    }

    /// <inheritdoc />
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        if (options?.StartAt is not null)
        {
            throw new NotSupportedException("The Durable HTTP API starts an instance at once; it has no scheduled start time.");
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId, nameof(options));
        if (!Options.ReplaceFinishedInstances && await GetInstanceAsync(instanceId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw new OrchestrationAlreadyExistsException($"Instance '{instanceId}' already exists ({existing.RuntimeStatus}).");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint($"orchestrators/{Segment(orchestratorName)}/{Segment(instanceId)}"));
        if (Options.DataConverter.Serialize(input) is { } json)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Created)
        {
            return await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false) is { } body && Text(body, "id") is { Length: > 0 } id ? id : instanceId;
        }

        var detail = await DetailAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict
            || (response.StatusCode == HttpStatusCode.InternalServerError && detail.Contains("already exists", StringComparison.OrdinalIgnoreCase)))
        {
            throw new OrchestrationAlreadyExistsException($"Instance '{instanceId}' already exists and is still running: {detail}");
        }

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            // The extension's answer to an unknown orchestrator or a bad id.
            throw new ArgumentException($"Starting '{orchestratorName}' as '{instanceId}' was refused: {detail}", nameof(orchestratorName));
        }

        throw Failure(request, response, detail);
    }

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var query = $"showInput={(getInputsAndOutputs ? "true" : "false")}&showHistory=false";
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint($"instances/{Segment(instanceId)}", query));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw Failure(request, response, await DetailAsync(response, cancellationToken).ConfigureAwait(false));
        }

        var status = await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false)
            ?? throw new FormatException($"The status of instance '{instanceId}' is not a JSON object.");
        return ReadMetadata(status, instanceId, getInputsAndOutputs);
    }

    /// <inheritdoc />
    public override async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        var parameters = new List<string>
        {
            "top=" + query.PageSize.ToString(CultureInfo.InvariantCulture),
            "showInput=" + (query.FetchInputsAndOutputs ? "true" : "false"),
        };
        if (query.Statuses is { Count: > 0 } statuses)
        {
            parameters.Add("runtimeStatus=" + string.Join(',', statuses.Distinct()));
        }

        if (query.CreatedFrom is { } from)
        {
            parameters.Add("createdTimeFrom=" + Time(from));
        }

        if (query.CreatedTo is { } to)
        {
            parameters.Add("createdTimeTo=" + Time(to));
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            parameters.Add("instanceIdPrefix=" + Uri.EscapeDataString(query.InstanceIdPrefix));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint("instances", string.Join('&', parameters)));
        if (query.ContinuationToken is not null)
        {
            request.Headers.TryAddWithoutValidation(ManagementUrls.ContinuationTokenHeader, query.ContinuationToken);
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new ArgumentException(await DetailAsync(response, cancellationToken).ConfigureAwait(false), nameof(query));
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failure(request, response, await DetailAsync(response, cancellationToken).ConfigureAwait(false));
        }

        JsonNode? page;
        try
        {
            page = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The instance list is not JSON: {e.Message}", e);
        }

        var list = page as JsonArray ?? throw new FormatException("The instance list is not a JSON array.");
        var instances = new List<OrchestrationMetadata>(list.Count);
        foreach (var item in list)
        {
            var metadata = ReadMetadata(item as JsonObject ?? throw new FormatException("An entry of the instance list is not a JSON object."), null, query.FetchInputsAndOutputs);
            if (query.Name is null || string.Equals(metadata.Name, query.Name, StringComparison.OrdinalIgnoreCase))
            {
                instances.Add(metadata);
            }
        }

        var next = response.Headers.TryGetValues(ManagementUrls.ContinuationTokenHeader, out var values) ? values.FirstOrDefault() : null;

        // The extension always sends the header; an empty value (or JSON's null written out) means the last page.
        return new OrchestrationQueryPage(instances, string.IsNullOrEmpty(next) || next == "null" ? null : next);
    }

    /// <inheritdoc />
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint($"instances/{Segment(instanceId)}/raiseEvent/{Segment(eventName)}"))
        {
            Content = new StringContent(Options.DataConverter.Serialize(eventPayload) ?? "null", Encoding.UTF8, "application/json"),
        };
        await CommandAsync(request, instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default) =>
        ReasonCommandAsync(instanceId, "terminate", reason as string ?? Options.DataConverter.Serialize(reason), cancellationToken);

    /// <inheritdoc />
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        ReasonCommandAsync(instanceId, "suspend", reason, cancellationToken);

    /// <inheritdoc />
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        ReasonCommandAsync(instanceId, "resume", reason, cancellationToken);

    /// <inheritdoc />
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        using var request = new HttpRequestMessage(HttpMethod.Delete, Endpoint($"instances/{Segment(instanceId)}"));
        return await PurgeAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);

        // The API requires a lower bound; without one every instance since the epoch is meant. It also purges every
        // status when none is named, where this client's contract is every finished status.
        var statuses = filter.Statuses is { Count: > 0 } requested
            ? requested.Distinct()
            : Enum.GetValues<OrchestrationStatus>().Where(s => s.IsTerminal());
        var parameters = new List<string>
        {
            "createdTimeFrom=" + Time(filter.CreatedFrom ?? DateTime.UnixEpoch),
            "runtimeStatus=" + string.Join(',', statuses),
        };
        if (filter.CreatedTo is { } to)
        {
            parameters.Add("createdTimeTo=" + Time(to));
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, Endpoint("instances", string.Join('&', parameters)));
        return await PurgeAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReasonCommandAsync(string instanceId, string operation, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var query = string.IsNullOrEmpty(reason) ? null : "reason=" + Uri.EscapeDataString(reason);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint($"instances/{Segment(instanceId)}/{operation}", query));
        await CommandAsync(request, instanceId, cancellationToken).ConfigureAwait(false);
    }

    private async Task CommandAsync(HttpRequestMessage request, string instanceId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Accepted or HttpStatusCode.OK:
            case HttpStatusCode.Gone:
                // The instance already finished: the embedded backend drops such messages too.
                return;
            case HttpStatusCode.NotFound:
                throw new OrchestrationNotFoundException($"No orchestration instance has id '{instanceId}'.");
            case HttpStatusCode.BadRequest:
                throw new ArgumentException(await DetailAsync(response, cancellationToken).ConfigureAwait(false));
            default:
                throw Failure(request, response, await DetailAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task<PurgeResult> PurgeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var body = await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false);
                return new PurgeResult(body?["instancesDeleted"] is JsonValue count && count.TryGetValue<int>(out var deleted) ? deleted : 0);
            case HttpStatusCode.NotFound:
            case HttpStatusCode.Conflict:
                // Nothing matched, or the instance is still running: the embedded backend purges neither.
                return new PurgeResult(0);
            case HttpStatusCode.BadRequest:
                throw new ArgumentException(await DetailAsync(response, cancellationToken).ConfigureAwait(false));
            default:
                throw Failure(request, response, await DetailAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }

    private Uri Endpoint(string relativePath, string? query = null)
    {
        var binding = Binding ?? throw new InvalidOperationException(
            "The durable client has no task hub yet: no invocation has carried a durableClient input binding (named 'client' in function.json). " +
            "Only HTTP, Service Bus and timer functions with that binding can start or manage orchestrations.");
        return binding.Endpoint(relativePath, query);
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

    private static async Task<JsonObject?> ReadObjectAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What an error answer says: a problem's <c>detail</c>/<c>title</c>, the extension's <c>Message</c>/<c>ExceptionMessage</c>, or the text itself.</summary>
    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string detail;
        JsonObject? body = null;
        try
        {
            body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // Not JSON: the text is the detail.
        }

        if (body is not null)
        {
            var parts = new[] { Text(body, "title"), Text(body, "detail"), Errors(body), Text(body, "Message"), Text(body, "ExceptionType"), Text(body, "ExceptionMessage") };
            detail = string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        }
        else
        {
            detail = text.Trim();
        }

        if (detail.Length == 0)
        {
            detail = response.ReasonPhrase ?? response.StatusCode.ToString();
        }

        return detail.Length > MaxDetailLength ? detail[..MaxDetailLength] + "…" : detail;
    }

    private static string? Errors(JsonObject body) =>
        body["errors"] is JsonObject errors
            ? string.Join("; ", errors.Select(e => $"{e.Key}: {(e.Value is JsonArray messages ? string.Join(" ", messages.Select(m => m?.ToString())) : e.Value?.ToString())}"))
            : null;

    private static HttpRequestException Failure(HttpRequestMessage request, HttpResponseMessage response, string detail)
    {
        // The path only: the query string holds the extension's system key.
        var where = request.RequestUri?.GetLeftPart(UriPartial.Path);
        return new HttpRequestException(
            string.Create(CultureInfo.InvariantCulture, $"{request.Method} {where} answered {(int)response.StatusCode}: {detail}"),
            null,
            response.StatusCode);
    }

    private static OrchestrationMetadata ReadMetadata(JsonObject status, string? instanceId, bool withPayloads)
    {
        var statusText = Text(status, "runtimeStatus");
        if (!Enum.TryParse<OrchestrationStatus>(statusText, ignoreCase: true, out var runtimeStatus) || !Enum.IsDefined(runtimeStatus))
        {
            throw new FormatException($"The runtimeStatus '{statusText}' of instance '{instanceId ?? Text(status, "instanceId")}' is not one this client knows.");
        }

        var lastUpdated = ReadTime(status, "lastUpdatedTime") ?? default;
        var output = withPayloads ? Payload(status["output"]) : null;
        var failure = status["failureDetails"] is JsonObject details
            ? new TaskFailureDetails(Text(details, "errorType") ?? "Unknown", Text(details, "errorMessage") ?? string.Empty)
            : null;
        if (failure is null && runtimeStatus == OrchestrationStatus.Failed)
        {
            // The extension reports a failure as the output (the error message).
            var message = status["output"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : Payload(status["output"]);
            failure = new TaskFailureDetails("OrchestrationFailure", message ?? "The orchestration failed.");
        }

        return new OrchestrationMetadata
        {
            InstanceId = Text(status, "instanceId") ?? instanceId ?? throw new FormatException("An instance status has no instanceId."),
            Name = Text(status, "name") ?? string.Empty,
            RuntimeStatus = runtimeStatus,
            CreatedAt = ReadTime(status, "createdTime") ?? default,
            LastUpdatedAt = lastUpdated,
            CompletedAt = ReadTime(status, "completedTime") ?? (runtimeStatus.IsTerminal() ? lastUpdated : null),
            SerializedInput = withPayloads ? Payload(status["input"]) : null,
            SerializedOutput = output,
            SerializedCustomStatus = withPayloads ? Payload(status["customStatus"]) : null,
            FailureDetails = failure,
        };
    }

    private static string? Payload(JsonNode? node) => node?.ToJsonString();

    private static DateTime? ReadTime(JsonObject node, string name) =>
        Text(node, name) is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : null;

    private static string Time(DateTime time) =>
        Uri.EscapeDataString((time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture));

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
