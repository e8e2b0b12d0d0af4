using System.Diagnostics.CodeAnalysis;

namespace Swarm.Functions.CustomHandler;

/// <summary>Throw paths of the translation, kept out of the per-event methods so those stay small.</summary>
internal static class ProtocolThrowHelper
{
    [DoesNotReturn]
    public static void ThrowMissing(string field) =>
        throw new DurableProtocolException($"{field} is required but absent.");

    [DoesNotReturn]
    public static void ThrowInvalidTime(string field, long seconds, int nanos, InvalidOperationException cause) =>
        throw new DurableProtocolException(
            ProtocolErrorTypes.InvalidRequest,
            $"{field} ({seconds} s, {nanos} ns) is not a valid time: {cause.Message}",
            cause);

    [DoesNotReturn]
    public static void ThrowUnknownStatus(string field, int value) =>
        throw new DurableProtocolException($"{field} has the unknown orchestration status {value}.");

    [DoesNotReturn]
    public static void ThrowNoWireStatus(int value) =>
        throw new DurableProtocolException($"Orchestration status {value} has no wire value.");

    public static DurableProtocolException NoType() =>
        new("it has no type; it is empty or of a type newer than this schema.");

    public static DurableProtocolException Unsupported() =>
        new(ProtocolErrorTypes.UnsupportedFeature, "this worker runs orchestrations without durable entities or rewind, so this type is not supported.");

    [DoesNotReturn]
    public static void ThrowNoWireForm(Type type) =>
        throw new DurableProtocolException(ProtocolErrorTypes.UnsupportedFeature, $"{type.Name} has no wire form.");

    /// <summary>The same failure, prefixed with where it happened.</summary>
    public static DurableProtocolException At(string location, DurableProtocolException inner) =>
        new(inner.ErrorType, $"{location}: {inner.Message}", inner.InnerException);
}
