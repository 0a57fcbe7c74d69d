using RemoteSupport.Contracts.SessionFiles;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Server.Features.SessionFiles;

/// Ids, kinds, sizes and reasons only: never file names (they can be personal) or content.
internal static partial class SessionFilesLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "SessionFiles: stored {Kind} {FileId} ({ContentType}, {Length} bytes) for organisation {OrganizationId} in {ElapsedMs} ms.")]
    public static partial void Stored(ILogger logger, SessionFileKind kind, Guid fileId, string contentType, long length, Guid organizationId, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "SessionFiles: refused an upload for organisation {OrganizationId} ({Status}): {Reason}")]
    public static partial void Refused(ILogger logger, Guid organizationId, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "SessionFiles: file {FileId} (object {BlobId}) of organisation {OrganizationId} failed authentication in the blob store; answered 404.")]
    public static partial void IntegrityFailure(ILogger logger, Exception exception, Guid fileId, BlobId blobId, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SessionFiles: file {FileId} of organisation {OrganizationId} has no object {BlobId} in the blob store; answered 404.")]
    public static partial void BlobMissing(ILogger logger, Guid fileId, BlobId blobId, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "SessionFiles: removed {Count} unfinished upload(s) left by an earlier run.")]
    public static partial void TempFilesRemoved(ILogger logger, int count);
}
