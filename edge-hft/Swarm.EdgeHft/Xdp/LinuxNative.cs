using System.Runtime.InteropServices;

namespace Swarm.EdgeHft.Xdp;

/// <summary>The Linux system calls and constants AF_XDP and eBPF need (uapi <c>linux/if_xdp.h</c>, <c>linux/bpf.h</c>).</summary>
internal static unsafe partial class LinuxNative
{
    public const int AfXdp = 44;
    public const int SockRaw = 3;
    public const int SolXdp = 283;

    public const int XdpMmapOffsets = 1;
    public const int XdpRxRing = 2;
    public const int XdpUmemReg = 4;
    public const int XdpUmemFillRing = 5;
    public const int XdpUmemCompletionRing = 6;
    public const int XdpStatistics = 7;

    public const ushort XdpCopy = 1 << 1;
    public const ushort XdpZeroCopy = 1 << 2;
    public const ushort XdpUseNeedWakeup = 1 << 3;
    public const uint XdpRingNeedWakeup = 1;

    public const long XdpPgoffRxRing = 0;
    public const long XdpUmemPgoffFillRing = 0x100000000;
    public const long XdpUmemPgoffCompletionRing = 0x180000000;

    public const int ProtRead = 1;
    public const int ProtWrite = 2;
    public const int MapShared = 0x01;
    public const int MapPrivate = 0x02;
    public const int MapAnonymous = 0x20;
    public const int MapPopulate = 0x8000;
    public const int MapHugeTlb = 0x40000;

    public const short PollIn = 1;
    public const int MsgDontWait = 0x40;
    public const int CloneNewNet = 0x40000000;
    public const int OpenReadOnly = 0;
    public const int OpenCloseOnExec = 0x80000;

    public const int EAgain = 11;
    public const int EBusy = 16;
    public const int ENoBufs = 105;

    public const int BpfMapCreate = 0;
    public const int BpfMapUpdateElem = 2;
    public const int BpfMapDeleteElem = 3;
    public const int BpfProgLoad = 5;
    public const int BpfLinkCreate = 28;
    public const uint BpfMapTypeXskMap = 17;
    public const uint BpfProgTypeXdp = 6;
    public const uint BpfAttachTypeXdp = 37;
    public const uint XdpFlagsSkbMode = 1 << 1;
    public const uint XdpFlagsDrvMode = 1 << 2;

    /// <summary>The bpf(2) system call number: x86-64 321, arm64 280.</summary>
    public static long SysBpf => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 280 : 321;

    public static readonly nint MapFailed = -1;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct RingOffset
    {
        public ulong Producer;
        public ulong Consumer;
        public ulong Desc;
        public ulong Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MmapOffsets
    {
        public RingOffset Rx;
        public RingOffset Tx;
        public RingOffset Fill;
        public RingOffset Completion;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct UmemReg
    {
        public ulong Address;
        public ulong Length;
        public uint ChunkSize;
        public uint Headroom;
        public uint Flags;
        public uint TxMetadataLength;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SockaddrXdp
    {
        public ushort Family;
        public ushort Flags;
        public uint InterfaceIndex;
        public uint QueueId;
        public uint SharedUmemFd;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct XdpDesc
    {
        public ulong Address;
        public uint Length;
        public uint Options;
    }

    public static int LastError => Marshal.GetLastPInvokeError();

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(int fd, int level, int name, void* value, uint* length);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, void* address, uint length);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    public static partial nint RecvFrom(int fd, void* buffer, nuint length, int flags, void* address, void* addressLength);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long Syscall(long number, long command, void* attribute, uint size);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint InterfaceNameToIndex(string name);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int namespaceType);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrError(int error);

    /// <summary>"name: message (errno N)" for the last error.</summary>
    public static string Describe(string call, int errno) =>
        $"{call}: {Marshal.PtrToStringUTF8(StrError(errno))} (errno {errno})";
}
