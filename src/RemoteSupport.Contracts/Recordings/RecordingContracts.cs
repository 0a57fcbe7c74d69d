namespace RemoteSupport.Contracts.Recordings;

/// <summary>Where a recording of a ROUTED call is in its life.</summary>
public enum RecordingStatus
{
    /// <summary>The media server is writing the raw streams.</summary>
    Recording = 0,

    /// <summary>Stopped; the server is turning the raw streams into one WebM file.</summary>
    Processing = 1,

    /// <summary>Stored encrypted and playable through ContentUrl.</summary>
    Ready = 2,

    /// <summary>Could not be converted; FailureReason says why. The raw streams are kept on the server for an operator.</summary>
    Failed = 3,
}

/// <summary>A recording of a call (GET /api/calls/{callId}/recordings). Content is read only through ContentUrl and WebcamUrl,
/// which check who asks and audit every playback and download.</summary>
/// <param name="Id">The recording's id.</param>
/// <param name="CallId">The call it belongs to.</param>
/// <param name="StartedById">Who pressed Record.</param>
/// <param name="StartedByName">Their display name at that time.</param>
/// <param name="StartedAt">When recording started.</param>
/// <param name="StoppedAt">When it stopped; null while recording.</param>
/// <param name="Status">Recording, Processing, Ready or Failed.</param>
/// <param name="FailureReason">Why it failed, in words for the expert; null unless Failed.</param>
/// <param name="Note">Something to know about a recording that is otherwise fine (e.g. the server stopped while recording and this is
/// what was saved up to then); usually null.</param>
/// <param name="DurationMs">Length of the playable file in milliseconds; null until Ready.</param>
/// <param name="Length">Size in bytes of the playable file; null until Ready.</param>
/// <param name="ContentType">video/webm (VP8 video of the technician's camera, everyone's audio mixed, Opus); null until Ready.</param>
/// <param name="ContentUrl">GET: the file (single HTTP ranges for seeking; ?download=1 for an attachment); null until Ready.</param>
/// <param name="WebcamLength">Size in bytes of the expert's webcam file; null when there is none.</param>
/// <param name="WebcamUrl">GET: the expert's webcam video (with the same mixed audio) as a second WebM; null when there is none.</param>
public sealed record RecordingInfo(
    Guid Id,
    Guid CallId,
    Guid StartedById,
    string StartedByName,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    RecordingStatus Status,
    string? FailureReason,
    string? Note,
    long? DurationMs,
    long? Length,
    string? ContentType,
    string? ContentUrl,
    long? WebcamLength,
    string? WebcamUrl);
