using System.Runtime.InteropServices;

namespace Swarm.EdgeHft.Xdp;

/// <summary>One eBPF instruction (<c>struct bpf_insn</c>): opcode, destination and source registers, offset, immediate.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly struct BpfInstruction
{
    private const byte Alu64MovReg = 0xbf;
    private const byte Alu64MovImm = 0xb7;
    private const byte Alu64AddImm = 0x07;
    private const byte LoadWord = 0x61;
    private const byte LoadHalf = 0x69;
    private const byte LoadByte = 0x71;
    private const byte LoadImm64 = 0x18;
    private const byte JumpGreaterReg = 0x2d;
    private const byte JumpNotEqualImm = 0x55;
    private const byte JumpSetImm = 0x45;
    private const byte CallHelper = 0x85;
    private const byte ExitProgram = 0x95;
    private const byte PseudoMapFd = 1;

    private BpfInstruction(byte code, int destination, int source, short offset, int immediate)
    {
        Code = code;
        Registers = (byte)((destination & 0xF) | ((source & 0xF) << 4));
        Offset = offset;
        Immediate = immediate;
    }

    /// <summary>The opcode (class | size/operation | source).</summary>
    public byte Code { get; }

    /// <summary>Destination register in the low nibble, source in the high nibble.</summary>
    public byte Registers { get; }

    /// <summary>Memory offset or jump displacement (in instructions, from the next one).</summary>
    public short Offset { get; }

    /// <summary>The immediate operand.</summary>
    public int Immediate { get; }

    /// <summary><c>dst = src</c> (64-bit).</summary>
    public static BpfInstruction Move(int destination, int source) => new(Alu64MovReg, destination, source, 0, 0);

    /// <summary><c>dst = imm</c> (64-bit, sign-extended).</summary>
    public static BpfInstruction MoveImmediate(int destination, int immediate) => new(Alu64MovImm, destination, 0, 0, immediate);

    /// <summary><c>dst += imm</c> (64-bit).</summary>
    public static BpfInstruction AddImmediate(int destination, int immediate) => new(Alu64AddImm, destination, 0, 0, immediate);

    /// <summary><c>dst = *(u32 *)(src + offset)</c>.</summary>
    public static BpfInstruction LoadUInt32(int destination, int source, short offset) => new(LoadWord, destination, source, offset, 0);

    /// <summary><c>dst = *(u16 *)(src + offset)</c> (the machine's byte order: little-endian on x86-64 and arm64).</summary>
    public static BpfInstruction LoadUInt16(int destination, int source, short offset) => new(LoadHalf, destination, source, offset, 0);

    /// <summary><c>dst = *(u8 *)(src + offset)</c>.</summary>
    public static BpfInstruction LoadByteAt(int destination, int source, short offset) => new(LoadByte, destination, source, offset, 0);

    /// <summary>
    /// The two instructions of <c>dst = map</c>: a 64-bit immediate load whose source register
    /// <c>BPF_PSEUDO_MAP_FD</c> tells the verifier the immediate is a map file descriptor.
    /// </summary>
    public static (BpfInstruction First, BpfInstruction Second) LoadMap(int destination, int mapFd) =>
        (new(LoadImm64, destination, PseudoMapFd, 0, mapFd), default);

    /// <summary><c>if dst &gt; src goto +offset</c> (unsigned).</summary>
    public static BpfInstruction JumpIfGreater(int destination, int source, short offset) => new(JumpGreaterReg, destination, source, offset, 0);

    /// <summary><c>if dst != imm goto +offset</c>.</summary>
    public static BpfInstruction JumpIfNotEqual(int destination, int immediate, short offset) => new(JumpNotEqualImm, destination, 0, offset, immediate);

    /// <summary><c>if dst &amp; imm goto +offset</c>.</summary>
    public static BpfInstruction JumpIfAnySet(int destination, int immediate, short offset) => new(JumpSetImm, destination, 0, offset, immediate);

    /// <summary>Calls kernel helper <paramref name="helper"/> (arguments in r1–r5, result in r0).</summary>
    public static BpfInstruction Call(int helper) => new(CallHelper, 0, 0, 0, helper);

    /// <summary>Returns r0.</summary>
    public static BpfInstruction Exit() => new(ExitProgram, 0, 0, 0, 0);
}
