using System.Security.Cryptography;
using System.Text;
using Azure;

namespace Swarm.Storage.Authentication;

/// <summary>The HMAC-SHA256 signature every Shared Key scheme ends with.</summary>
internal static class SharedKeySignature
{
    /// <summary>Signs <paramref name="stringToSign"/> and returns the <c>Authorization</c> header value.</summary>
    public static string Authorization(AzureNamedKeyCredential credential, string stringToSign)
    {
        var (name, key) = credential;
        using var hmac = new HMACSHA256(Convert.FromBase64String(key));
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
        return $"SharedKey {name}:{signature}";
    }

    /// <summary>
    /// The canonical resource prefix: <c>/account/path</c>. Path-style URLs (Azurite) keep the
    /// account segment in the path too, exactly as the service computes it.
    /// </summary>
    public static string CanonicalPath(AzureNamedKeyCredential credential, Uri uri) =>
        "/" + credential.Name + (uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath);
}
