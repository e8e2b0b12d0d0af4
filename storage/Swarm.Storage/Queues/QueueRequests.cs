using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Swarm.Storage.Queues;

/// <summary>Headers shared by the Queue clients.</summary>
internal static class QueueRequests
{
    public static HttpMessage Create(HttpPipeline pipeline, RequestMethod method, Uri uri, params (string Name, string? Value)[] query)
    {
        var builder = new RequestUriBuilder();
        builder.Reset(uri);
        foreach (var (name, value) in query)
        {
            if (value is not null)
            {
                builder.AppendQuery(name, value);
            }
        }

        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri = builder;
        message.Request.Headers.SetValue("x-ms-version", QueueClientOptions.ServiceVersion);
        return message;
    }

    public static string Seconds(TimeSpan value) => ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(string? value) =>
        value is null ? default : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
