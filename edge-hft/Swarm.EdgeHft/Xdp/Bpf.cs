using System.Text;

namespace Swarm.EdgeHft.Xdp;

/// <summary>The few <c>bpf(2)</c> commands the feed needs: create an XSKMAP, set an entry, load an XDP program, attach it with a BPF link.</summary>
/// <remarks>
/// <c>union bpf_attr</c> is passed as a zeroed buffer with only the fields of the command filled in; the kernel
/// accepts any size up to its own as long as the bytes it does not know are zero. A BPF link detaches the program when
/// its last file descriptor closes, so a crashed process never leaves the program on the interface.
/// </remarks>
internal static unsafe class Bpf
{
    private const int AttrBytes = 128;

    /// <summary>Creates an XSKMAP with <paramref name="entries"/> slots (one per receive queue); returns its descriptor.</summary>
    public static int CreateXskMap(int entries)
    {
        var attr = stackalloc byte[AttrBytes];
        new Span<byte>(attr, AttrBytes).Clear();
        *(uint*)attr = LinuxNative.BpfMapTypeXskMap;
        *(uint*)(attr + 4) = sizeof(uint);
        *(uint*)(attr + 8) = sizeof(uint);
        *(uint*)(attr + 12) = (uint)entries;
        WriteName(attr + 28, "edge_xsks");
        return Check(Call(LinuxNative.BpfMapCreate, attr), "bpf(BPF_MAP_CREATE, XSKMAP)");
    }

    /// <summary>Points slot <paramref name="key"/> (a queue id) of the XSKMAP at the AF_XDP socket <paramref name="socketFd"/>.</summary>
    public static void SetXskMapEntry(int mapFd, uint key, int socketFd)
    {
        var attr = stackalloc byte[AttrBytes];
        new Span<byte>(attr, AttrBytes).Clear();
        var value = (uint)socketFd;
        *(uint*)attr = (uint)mapFd;
        *(ulong*)(attr + 8) = (ulong)&key;
        *(ulong*)(attr + 16) = (ulong)&value;
        Check(Call(LinuxNative.BpfMapUpdateElem, attr), "bpf(BPF_MAP_UPDATE_ELEM)");
    }

    /// <summary>Empties slot <paramref name="key"/> of the XSKMAP (best effort: used while shutting down).</summary>
    public static void ClearXskMapEntry(int mapFd, uint key)
    {
        var attr = stackalloc byte[AttrBytes];
        new Span<byte>(attr, AttrBytes).Clear();
        *(uint*)attr = (uint)mapFd;
        *(ulong*)(attr + 8) = (ulong)&key;
        Call(LinuxNative.BpfMapDeleteElem, attr);
    }

    /// <summary>Loads an XDP program; on a verifier refusal the message carries the verifier's log.</summary>
    public static int LoadXdpProgram(ReadOnlySpan<BpfInstruction> program)
    {
        var attr = stackalloc byte[AttrBytes];
        var license = Encoding.ASCII.GetBytes(XdpRedirectProgram.License + "\0");
        fixed (BpfInstruction* instructions = program)
        fixed (byte* licensePointer = license)
        {
            var fd = Load(attr, instructions, program.Length, licensePointer, null, 0);
            if (fd >= 0)
            {
                return fd;
            }

            // Load again with the verifier log on, to say why (start-up only, so the buffer may allocate).
            var errno = LinuxNative.LastError;
            var log = new byte[64 * 1024];
            fixed (byte* logPointer = log)
            {
                Load(attr, instructions, program.Length, licensePointer, logPointer, log.Length);
            }

            var text = Encoding.ASCII.GetString(log, 0, Math.Max(0, Array.IndexOf(log, (byte)0))).Trim();
            throw new XdpUnavailableException(LinuxNative.Describe("bpf(BPF_PROG_LOAD, XDP)", errno) + (text.Length > 0 ? $"; verifier: {text}" : ""));
        }
    }

    /// <summary>Attaches <paramref name="programFd"/> to interface <paramref name="interfaceIndex"/>; returns the link descriptor or -errno.</summary>
    public static int TryAttachXdp(int programFd, uint interfaceIndex, uint xdpFlags)
    {
        var attr = stackalloc byte[AttrBytes];
        new Span<byte>(attr, AttrBytes).Clear();
        *(uint*)attr = (uint)programFd;
        *(uint*)(attr + 4) = interfaceIndex;
        *(uint*)(attr + 8) = LinuxNative.BpfAttachTypeXdp;
        *(uint*)(attr + 12) = xdpFlags;
        var fd = Call(LinuxNative.BpfLinkCreate, attr);
        return fd >= 0 ? fd : -LinuxNative.LastError;
    }

    private static int Load(byte* attr, BpfInstruction* instructions, int count, byte* license, byte* log, int logSize)
    {
        new Span<byte>(attr, AttrBytes).Clear();
        *(uint*)attr = LinuxNative.BpfProgTypeXdp;
        *(uint*)(attr + 4) = (uint)count;
        *(ulong*)(attr + 8) = (ulong)instructions;
        *(ulong*)(attr + 16) = (ulong)license;
        *(uint*)(attr + 24) = log is null ? 0u : 1u;
        *(uint*)(attr + 28) = (uint)logSize;
        *(ulong*)(attr + 32) = (ulong)log;
        WriteName(attr + 48, "edge_feed");
        *(uint*)(attr + 68) = LinuxNative.BpfAttachTypeXdp;
        return Call(LinuxNative.BpfProgLoad, attr);
    }

    private static int Call(int command, byte* attr) => (int)LinuxNative.Syscall(LinuxNative.SysBpf, command, attr, AttrBytes);

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new XdpUnavailableException(LinuxNative.Describe(call, LinuxNative.LastError));

    private static void WriteName(byte* destination, string name)
    {
        // BPF_OBJ_NAME_LEN is 16 including the terminator; names are ASCII letters, digits, '_' and '.'.
        var span = new Span<byte>(destination, 15);
        Encoding.ASCII.GetBytes(name.AsSpan(0, Math.Min(name.Length, 15)), span);
    }
}
