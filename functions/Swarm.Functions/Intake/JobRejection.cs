namespace Swarm.Functions.Intake;

/// <summary>A job message that was not run: why, what it held, and when.</summary>
/// <param name="MessageId">The message id as received (null when it had none).</param>
/// <param name="Reason">Every problem, one per line: each JSON-path error of an invalid job, or the last error of a poisoned one.</param>
/// <param name="Body">The body as text, cut to <see cref="JobRejections.MaxStoredBodyChars"/> characters.</param>
/// <param name="BodyLength">The length of the whole body in bytes.</param>
/// <param name="BodyTruncated">Whether <paramref name="Body"/> was cut.</param>
/// <param name="ContentType">The content type, when given.</param>
/// <param name="DeliveryCount">The delivery that was rejected.</param>
/// <param name="Poisoned">True when the job was given up after failing to process (not because it was invalid).</param>
/// <param name="RejectedAt">When it was recorded.</param>
public sealed record JobRejection(
    string? MessageId,
    string Reason,
    string Body,
    long BodyLength,
    bool BodyTruncated,
    string? ContentType,
    int DeliveryCount,
    bool Poisoned,
    DateTimeOffset RejectedAt);
