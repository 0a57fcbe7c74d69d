using RemoteSupport.Contracts.Recordings;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Server.Features.Recordings;

/// Ids, counts, durations and reasons only: never display names (they are personal) or media.
internal static partial class RecordingsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Recordings: recording {RecordingId} of call {CallId} started in organisation {OrganizationId}.")]
    public static partial void Started(ILogger logger, Guid recordingId, Guid callId, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recordings: recording {RecordingId} stopped; queued for conversion.")]
    public static partial void Stopped(ILogger logger, Guid recordingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recordings: recording {RecordingId} converted ({Files} .mjr files, {Used} used, {DurationMs} ms long) in {ElapsedMs} ms.")]
    public static partial void Converted(ILogger logger, Guid recordingId, int files, int used, long durationMs, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recordings: recording {RecordingId} stored encrypted ({Length} bytes, webcam {WebcamLength} bytes); raw files deleted.")]
    public static partial void Stored(ILogger logger, Guid recordingId, long length, long? webcamLength);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recordings: recording {RecordingId} failed; raw files kept in {Folder}: {Reason}")]
    public static partial void Failed(ILogger logger, Guid recordingId, string folder, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recordings: recording {RecordingId} failed unexpectedly; raw files kept in {Folder}.")]
    public static partial void Crashed(ILogger logger, Exception exception, Guid recordingId, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recordings: recording {RecordingId} has a file that is not a recorded stream: {FileName}; left alone.")]
    public static partial void UnknownFile(ILogger logger, Guid recordingId, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recordings: at start, recording {RecordingId} was {Status}; {Action}.")]
    public static partial void Recovered(ILogger logger, Guid recordingId, RecordingStatus status, string action);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recordings: folder {Folder} holds raw media but no readable manifest and no database row; left alone for an operator.")]
    public static partial void Orphan(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recordings: recording {RecordingId} (object {BlobId}) of organisation {OrganizationId} failed authentication in the blob store.")]
    public static partial void IntegrityFailure(ILogger logger, Exception exception, Guid recordingId, BlobId blobId, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recordings: recording {RecordingId} of organisation {OrganizationId} has no object {BlobId} in the blob store; answered 404.")]
    public static partial void BlobMissing(ILogger logger, Guid recordingId, BlobId blobId, Guid organizationId);
}
