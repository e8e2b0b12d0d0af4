using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Swarm.Storage.Authentication;

/// <summary>
/// Signs Table requests with the Table service's Shared Key scheme, whose string to sign is
/// shorter than Blob's and Queue's: verb, Content-MD5, Content-Type, date, resource (+ <c>?comp=</c>).
/// </summary>
public sealed class TableSharedKeyAuthenticationPolicy : HttpPipelineSynchronousPolicy
{
    private readonly AzureNamedKeyCredential _credential;

    /// <summary>Creates the policy for the account and key in <paramref name="credential"/>.</summary>
    public TableSharedKeyAuthenticationPolicy(AzureNamedKeyCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
    }

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);

        var uri = request.Uri.ToUri();
        var resource = SharedKeySignature.CanonicalPath(_credential, uri);
        var comp = System.Web.HttpUtility.ParseQueryString(uri.Query)["comp"];
        if (comp is not null)
        {
            resource += "?comp=" + comp;
        }

        string Header(string name) => request.Headers.TryGetValue(name, out var value) ? value : string.Empty;
        var stringToSign = string.Join('\n', request.Method.Method, Header("Content-MD5"), Header("Content-Type"), date, resource);
        request.Headers.SetValue("Authorization", SharedKeySignature.Authorization(_credential, stringToSign));
    }
}
