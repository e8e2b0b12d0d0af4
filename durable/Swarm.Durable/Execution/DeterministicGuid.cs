using System.Security.Cryptography;
using System.Text;

namespace Swarm.Durable.Execution;

/// <summary>Name-based (RFC 4122 version 5, SHA-1) GUIDs: the same name always gives the same GUID.</summary>
internal static class DeterministicGuid
{
    /// <summary>The namespace for orchestration GUIDs (a fixed random GUID, so ours never collide with other v5 uses).</summary>
    private static readonly Guid OrchestrationNamespace = new("3c3d4c5e-8f4f-4f7a-9a44-2d1d6f0b6e1a");

    public static Guid Create(string name)
    {
        Span<byte> namespaceBytes = stackalloc byte[16];
        OrchestrationNamespace.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is an identifier, not a security hash.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        var guid = hash.AsSpan(0, 16);
        guid[6] = (byte)((guid[6] & 0x0F) | 0x50);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }
}
