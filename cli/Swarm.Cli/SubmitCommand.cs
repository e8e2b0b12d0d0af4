using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Spectre.Console;
using Swarm.Functions.Commands;
using Swarm.Functions.Intake;
using Swarm.Functions.Telemetry;
using Swarm.Orchestrations.Jobs;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Cli;

/// <summary>
/// <c>swarm submit &lt;job.json&gt;</c>: validates a job and puts it on the jobs queue — the local one
/// (<c>--queue</c>: embedded in <c>--data</c>, or an Azure Storage queue with <c>--store azure</c>) that
/// <c>swarm serve</c> reads, or a real Service Bus queue (<c>--servicebus &lt;namespace&gt;</c>: the SDK's
/// <see cref="ServiceBusSender"/>, signed in with <c>DefaultAzureCredential</c>).
/// </summary>
/// <remarks>
/// The message id (<c>--id</c>, by default the file name and a hash of the job) becomes the instance id, so
/// submitting the same job twice starts it once. An invalid job is reported with every problem (exit code 2) and
/// nothing is sent. The send is a producer span (source <c>Swarm.Functions</c>) that starts a new trace unless one is
/// current; the message carries it as its <c>traceparent</c> (an application property on Service Bus), so the job's
/// intake, orchestrations and activities join that trace, and its trace id is printed for finding the job in
/// Application Insights.
/// </remarks>
public static class SubmitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ModelCatalog catalog, IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("job") { Description = "The job document (JSON): a simulation or a sweep." }.File();
        var kind = new Option<string?>("--kind") { Description = "simulation or sweep, when the document has no \"kind\"." };
        kind.AcceptOnlyFromAmong("simulation", "sweep");
        var id = new Option<string?>("--id") { Description = "The message id, which becomes the instance id (default: file name + content hash)." };
        var queue = new Option<bool>("--queue") { Description = "Send to the local queue that 'swarm serve' reads." };
        var serviceBus = new Option<string?>("--servicebus") { Description = "Send to Service Bus: the namespace, e.g. contoso.servicebus.windows.net." };
        var queueName = new Option<string>("--queue-name") { Description = "The queue (default: $SwarmJobsQueue, else simulation-jobs).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable(IntakeOptions.QueueSetting) is { Length: > 0 } name ? name : IntakeOptions.DefaultQueueName };
        var data = new Option<string>("--data") { Description = "Data folder of the embedded queue.", DefaultValueFactory = _ => LocalSwarm.DefaultDataFolder }.Folder();
        var store = new Option<string>("--store") { Description = "embedded, or azure (an Azure Storage queue, e.g. on Azurite).", DefaultValueFactory = _ => "embedded" };
        store.AcceptOnlyFromAmong("embedded", "azure");
        var connection = new Option<string?>("--connection") { Description = $"Storage connection string for --store azure (default: ${BackendOptions.ConnectionVariable})." };
        var command = new Command("submit", "Validate a job and send it to the jobs queue (local, or Service Bus).") { file, kind, id, queue, serviceBus, queueName, data, store, connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file);
            var toServiceBus = parse.GetValue(serviceBus);
            if (parse.GetValue(queue) == (toServiceBus is not null))
            {
                return CliErrors.Report(console, "where to send the job", ["Give exactly one of --queue (the local queue) or --servicebus <namespace>."]);
            }

            string text;
            try
            {
                text = await File.ReadAllTextAsync(path.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return CliErrors.Report(console, $"cannot read {path.Name}", [e.Message]);
            }

            var body = WithKind(text, parse.GetValue(kind), out var kindProblem);
            if (kindProblem is not null)
            {
                return CliErrors.Report(console, $"{path.Name} is not a valid job", [kindProblem]);
            }

            if (new JobReader(catalog).Read(body, out var errors) is null)
            {
                var problems = errors.Select(e => e.ToString()).ToList();
                if (errors.Any(e => e.Path == "$.kind"))
                {
                    problems.Add("Pass --kind simulation|sweep, or add \"kind\" to the document.");
                }

                return CliErrors.Report(console, $"{path.Name} is not a valid job", problems);
            }

            var messageId = parse.GetValue(id) ?? SweepIds.ForFile(path.Name, body);
            if (!JobScheduler.IsValidInstanceId(messageId))
            {
                return CliErrors.Report(console, "bad --id", [$"'{messageId}' cannot be an instance id: 1-64 letters, digits, '-', '_' or '.'."]);
            }

            var name = parse.GetRequiredValue(queueName);
            using var source = new ActivitySource(SwarmTelemetry.Name);
            using var send = StartSend(source, name, messageId, toServiceBus is not null ? "servicebus" : parse.GetRequiredValue(store) + "-queue");
            var message = new IntakeMessage(messageId, BinaryData.FromString(body), 0, "application/json", send.Id);
            try
            {
                if (toServiceBus is not null)
                {
                    var fullyQualifiedNamespace = ServiceBusJobMessage.FullyQualifiedNamespace(toServiceBus);
                    await using var client = new ServiceBusClient(fullyQualifiedNamespace, new DefaultAzureCredential());
                    await using var sender = client.CreateSender(name);
                    await sender.SendMessageAsync(ServiceBusJobMessage.ToServiceBus(message), cancellationToken).ConfigureAwait(false);
                    console.MarkupLine($"sent [blue]{messageId.EscapeMarkup()}[/] to Service Bus {fullyQualifiedNamespace.EscapeMarkup()}/{name.EscapeMarkup()}");
                    console.MarkupLine($"trace [blue]{send.TraceId}[/]");
                    return 0;
                }

                var local = LocalQueue(parse.GetRequiredValue(store), parse.GetRequiredValue(data), parse.GetValue(connection), name, out var where, out var problem);
                if (local is null)
                {
                    return CliErrors.Report(console, "no local queue", [problem!]);
                }

                using (local as IDisposable)
                {
                    await local.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                    await local.SendAsync(message, cancellationToken).ConfigureAwait(false);
                }

                console.MarkupLine($"queued [blue]{messageId.EscapeMarkup()}[/] on {where.EscapeMarkup()}");
                console.MarkupLine($"trace [blue]{send.TraceId}[/]");
                return 0;
            }
            catch (ArgumentException e)
            {
                send.SetStatus(ActivityStatusCode.Error, e.Message);
                return CliErrors.Report(console, "cannot send the job", [e.Message]);
            }
            catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException or HttpRequestException or ServiceBusException or UnauthorizedAccessException)
            {
                send.SetStatus(ActivityStatusCode.Error, e.Message);
                console.MarkupLine($"[red]error:[/] sending failed: {e.Message.EscapeMarkup()}");
                return 1;
            }
        });
        return command;
    }

    private static Activity StartSend(ActivitySource source, string queueName, string messageId, string system)
    {
        // Nothing may listen in a command-line process, yet the message must still carry a trace: without a listener
        // the span is made by hand, recorded, so that the app samples the job's spans in.
        var span = source.StartActivity(queueName + " send", ActivityKind.Producer)
            ?? new Activity(queueName + " send") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();
        span.SetTag("messaging.system", system);
        span.SetTag("messaging.destination.name", queueName);
        span.SetTag("messaging.message.id", messageId);
        return span;
    }

    private static IJobQueue? LocalQueue(string store, string data, string? connection, string queueName, out string where, out string? problem)
    {
        problem = null;
        if (store == "embedded")
        {
            where = $"the embedded queue {queueName} in {data}";
            return EmbeddedJobQueue.InDataFolder(data, queueName);
        }

        where = $"the storage queue {queueName}";
        connection ??= Environment.GetEnvironmentVariable(BackendOptions.ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            problem = $"--store azure needs a connection: pass --connection or set {BackendOptions.ConnectionVariable}.";
            return null;
        }

        try
        {
            return StorageJobQueue.Connect(AzureConnection.FromConnectionString(connection, "--connection"), queueName);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            problem = $"bad --connection: {e.Message}";
            return null;
        }
    }

    private static string WithKind(string text, string? kind, out string? problem)
    {
        problem = null;
        if (kind is null)
        {
            return text;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // The reader reports the syntax error with its position.
            return text;
        }

        if (root is not JsonObject job)
        {
            return text;
        }

        if (job["kind"] is { } existing)
        {
            if (existing.GetValueKind() != JsonValueKind.String || existing.GetValue<string>() != kind)
            {
                problem = $"$.kind: the document says {existing.ToJsonString()}, --kind says \"{kind}\".";
            }

            return text;
        }

        job["kind"] = kind;
        return job.ToJsonString();
    }
}
