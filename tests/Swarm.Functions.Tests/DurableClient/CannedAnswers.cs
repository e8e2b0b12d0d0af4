using System.Net;
using System.Text;

namespace Swarm.Functions.Tests.DurableClient;

/// <summary>
/// Answers every request with one fixed response and records the request, for reading answers in the shapes the
/// Durable extension's <c>HttpApiHandler</c> writes them (which no app in this repository produces).
/// </summary>
internal sealed class CannedAnswers(HttpStatusCode status, string? body, string? continuationToken = null) : HttpMessageHandler
{
    public HttpRequestMessage? Request { get; private set; }

    /// <summary>The request's body, read before the client disposes the request.</summary>
    public string? RequestBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Request = request;
        RequestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = new HttpResponseMessage(status) { RequestMessage = request };
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (continuationToken is not null)
        {
            response.Headers.TryAddWithoutValidation("x-ms-continuation-token", continuationToken);
        }

        return response;
    }
}
