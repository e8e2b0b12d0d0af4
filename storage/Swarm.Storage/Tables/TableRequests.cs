using Azure.Core;
using Azure.Core.Pipeline;

namespace Swarm.Storage.Tables;

/// <summary>The headers every Table request carries.</summary>
internal static class TableRequests
{
    public const string JsonMinimalMetadata = "application/json;odata=minimalmetadata";

    public static HttpMessage Create(HttpPipeline pipeline, RequestMethod method, Uri uri)
    {
        var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(uri);
        request.Headers.SetValue("x-ms-version", TableClientOptions.ServiceVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", JsonMinimalMetadata);
        return message;
    }

    public static void JsonBody(Request request, byte[] json)
    {
        request.Headers.SetValue("Content-Type", "application/json");
        request.Content = RequestContent.Create(json);
    }

    public static void ValidateTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        var valid = tableName.Length is >= 3 and <= 63 && char.IsAsciiLetter(tableName[0]) && tableName.All(char.IsAsciiLetterOrDigit);
        if (!valid)
        {
            throw new ArgumentException(
                $"Table name '{tableName}' is invalid: 3-63 ASCII letters and digits, starting with a letter.", nameof(tableName));
        }
    }
}
