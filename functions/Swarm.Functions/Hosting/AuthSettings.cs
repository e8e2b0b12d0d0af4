namespace Swarm.Functions.Hosting;

/// <summary>The app-setting names of the Entra ID token validation (see docs/azure.md, "App settings").</summary>
public static class AuthSettings
{
    /// <summary>The token issuer's authority, e.g. <c>https://login.microsoftonline.com/&lt;tenant&gt;/v2.0</c>; env <c>Auth__Authority</c>.</summary>
    public const string Authority = "Auth:Authority";

    /// <summary>The API's application ID URI, the tokens' audience; env <c>Auth__Audience</c>.</summary>
    public const string Audience = "Auth:Audience";

    /// <summary>The public base URL management links are built on, when the app sits behind a host (e.g. the Functions host); env <c>SERVICE_API_URI</c>.</summary>
    public const string PublicBaseUrl = "SERVICE_API_URI";

    /// <summary>The port the Functions host asks a custom handler to listen on.</summary>
    public const string CustomHandlerPort = "FUNCTIONS_CUSTOMHANDLER_PORT";
}
