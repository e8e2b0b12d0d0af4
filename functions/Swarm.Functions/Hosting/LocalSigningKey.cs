using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Swarm.Functions.Hosting;

/// <summary>
/// The signing key of a locally served app (<c>swarm serve</c>): an ECDSA P-256 key kept in the data folder
/// (<c>auth/signing-key.pem</c>), which signs the dev tokens the app accepts (issuer <see cref="Issuer"/>).
/// </summary>
/// <remarks>
/// The key is created on first use and never leaves the data folder; anyone who can read the folder can mint
/// tokens, exactly as anyone who can read the folder can read the data. Tokens are ES256 JWTs with
/// <c>sub</c>, <c>name</c> and <c>roles</c>, audience <see cref="Audience"/>.
/// </remarks>
public sealed class LocalSigningKey : IDisposable
{
    /// <summary>The issuer of local tokens.</summary>
    public const string Issuer = "swarm-local";

    /// <summary>The audience of local tokens.</summary>
    public const string Audience = "swarm-api";

    private readonly ECDsa _ecdsa;

    private LocalSigningKey(ECDsa ecdsa, string keyId)
    {
        _ecdsa = ecdsa;
        Key = new ECDsaSecurityKey(ecdsa) { KeyId = keyId };
    }

    /// <summary>The key as the token validation sees it.</summary>
    public SecurityKey Key { get; }

    /// <summary>Where the key of data folder <paramref name="dataFolder"/> lives.</summary>
    public static string PathIn(string dataFolder) => System.IO.Path.Combine(dataFolder, "auth", "signing-key.pem");

    /// <summary>A new key held in memory only (tests, benchmarks).</summary>
    public static LocalSigningKey CreateEphemeral()
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new LocalSigningKey(ecdsa, KeyId(ecdsa));
    }

    /// <summary>Loads the key of <paramref name="dataFolder"/>, creating it (readable by the owner only) when absent.</summary>
    /// <exception cref="InvalidDataException">The key file exists but is not an EC private key in PEM.</exception>
    public static LocalSigningKey OpenOrCreate(string dataFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        var path = PathIn(dataFolder);
        var ecdsa = ECDsa.Create();
        if (File.Exists(path))
        {
            try
            {
                ecdsa.ImportFromPem(File.ReadAllText(path));
            }
            catch (ArgumentException e)
            {
                ecdsa.Dispose();
                throw new InvalidDataException($"{path} is not an EC private key in PEM; delete it to create a new one (tokens signed with it stop working).", e);
            }

            return new LocalSigningKey(ecdsa, KeyId(ecdsa));
        }

        ecdsa.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(ecdsa.ExportPkcs8PrivateKeyPem());
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs so both accept the same tokens.
            ecdsa.Dispose();
            return OpenOrCreate(dataFolder);
        }

        return new LocalSigningKey(ecdsa, KeyId(ecdsa));
    }

    /// <summary>Mints a token for <paramref name="subject"/> with <paramref name="roles"/>, valid for <paramref name="lifetime"/>.</summary>
    public string Mint(string subject, IEnumerable<string> roles, TimeSpan lifetime, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(roles);
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = subject,
            ["name"] = subject,
            ["roles"] = roles.ToArray(),
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <inheritdoc />
    public void Dispose() => _ecdsa.Dispose();

    private static string KeyId(ECDsa ecdsa) =>
        Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()))[..16];
}
