using System.Buffers.Binary;

namespace Swarm.EdgeHft.Xdp;

/// <summary>
/// The XDP program, as eBPF instructions: IPv4 UDP datagrams to the feed port go to the AF_XDP socket bound to the
/// receiving queue (through an XSKMAP); every other frame goes on to the kernel stack untouched (<c>XDP_PASS</c>).
/// </summary>
/// <remarks>
/// It is equivalent to this C, written out by hand so the project needs no compiler, libbpf or libxdp:
/// <code>
/// SEC("xdp") int feed(struct xdp_md *ctx) {
///     void *data = (void *)(long)ctx-&gt;data, *end = (void *)(long)ctx-&gt;data_end;
///     if (data + 42 &gt; end) return XDP_PASS;                          // Ethernet 14 + IPv4 20 + UDP 8
///     if (*(__u16 *)(data + 12) != htons(ETH_P_IP)) return XDP_PASS;   // untagged IPv4 only
///     if (*(__u8 *)(data + 14) != 0x45) return XDP_PASS;               // version 4, no IP options
///     if (*(__u8 *)(data + 23) != IPPROTO_UDP) return XDP_PASS;
///     if (*(__u16 *)(data + 20) &amp; htons(0x3FFF)) return XDP_PASS;     // fragments go to the kernel
///     if (*(__u16 *)(data + 36) != htons(port)) return XDP_PASS;
///     return bpf_redirect_map(&amp;xsks, ctx-&gt;rx_queue_index, XDP_PASS); // no socket on this queue: pass
/// }
/// </code>
/// Because the program admits only that fixed layout, the receiver finds the MoldUDP64 payload at byte 42 of every
/// frame it is given (<see cref="PayloadOffset"/>).
/// </remarks>
public static class XdpRedirectProgram
{
    /// <summary>Where the UDP payload starts in a redirected frame: Ethernet (14) + IPv4 without options (20) + UDP (8).</summary>
    public const int PayloadOffset = 42;

    /// <summary>Offset of the UDP length field in a redirected frame.</summary>
    public const int UdpLengthOffset = 38;

    /// <summary>The program's license string; <c>bpf_redirect_map</c> needs no GPL-only helper, but the kernel asks for one.</summary>
    public const string License = "GPL";

    private const int XdpPass = 2;
    private const int HelperRedirectMap = 51;
    private const short XdpMdData = 0;
    private const short XdpMdDataEnd = 4;
    private const short XdpMdRxQueueIndex = 16;

    /// <summary>The instructions for <paramref name="port"/>, redirecting through the XSKMAP <paramref name="mapFd"/>.</summary>
    public static BpfInstruction[] Build(ushort port, int mapFd)
    {
        // Jump displacements count from the next instruction; Pass is instruction 22.
        var map = BpfInstruction.LoadMap(1, mapFd);
        BpfInstruction[] program =
        [
            BpfInstruction.Move(6, 1),                                         // 0: r6 = ctx
            BpfInstruction.LoadUInt32(2, 1, XdpMdData),                        // 1: r2 = data
            BpfInstruction.LoadUInt32(3, 1, XdpMdDataEnd),                     // 2: r3 = data_end
            BpfInstruction.Move(4, 2),                                         // 3
            BpfInstruction.AddImmediate(4, PayloadOffset),                     // 4: r4 = data + 42
            BpfInstruction.JumpIfGreater(4, 3, 16),                            // 5: too short
            BpfInstruction.LoadUInt16(5, 2, 12),                               // 6: EtherType
            BpfInstruction.JumpIfNotEqual(5, BigEndianImmediate(0x0800), 14),  // 7
            BpfInstruction.LoadByteAt(5, 2, 14),                               // 8: version + IHL
            BpfInstruction.JumpIfNotEqual(5, 0x45, 12),                        // 9
            BpfInstruction.LoadByteAt(5, 2, 23),                               // 10: protocol
            BpfInstruction.JumpIfNotEqual(5, 17, 10),                          // 11
            BpfInstruction.LoadUInt16(5, 2, 20),                               // 12: flags + fragment offset
            BpfInstruction.JumpIfAnySet(5, BigEndianImmediate(0x3FFF), 8),     // 13: MF or an offset
            BpfInstruction.LoadUInt16(5, 2, 36),                               // 14: UDP destination port
            BpfInstruction.JumpIfNotEqual(5, BigEndianImmediate(port), 6),     // 15
            BpfInstruction.LoadUInt32(2, 6, XdpMdRxQueueIndex),                // 16: key = rx queue
            map.First,                                                         // 17: r1 = &xsks
            map.Second,                                                        // 18
            BpfInstruction.MoveImmediate(3, XdpPass),                          // 19: flags = default action
            BpfInstruction.Call(HelperRedirectMap),                            // 20
            BpfInstruction.Exit(),                                             // 21
            BpfInstruction.MoveImmediate(0, XdpPass),                          // 22: Pass
            BpfInstruction.Exit(),                                             // 23
        ];
        return program;
    }

    /// <summary>A 16-bit network-order value as the program's little-endian 16-bit load sees it.</summary>
    private static int BigEndianImmediate(ushort value) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
}
