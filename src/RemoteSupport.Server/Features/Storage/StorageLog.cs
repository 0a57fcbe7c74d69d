namespace RemoteSupport.Server.Features.Storage;

/// Object ids and organisation ids only: never content, content types, keys or key material.
internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage: created the blob store master key {Path} (key id {KeyId}). Back it up now, apart from the data and its backups: without it no stored image, document or recording can be read.")]
    public static partial void MasterKeyCreated(ILogger logger, string path, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: local blob store in {Folder}, master key id {KeyId}.")]
    public static partial void LocalStoreReady(ILogger logger, string folder, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: removed {Count} unfinished upload(s) left by an earlier run.")]
    public static partial void TempFilesRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage: object {BlobId} of organisation {OrganizationId} failed authentication; it was changed, damaged or moved on disk.")]
    public static partial void IntegrityFailure(ILogger logger, Exception exception, BlobId blobId, Guid organizationId);
}
