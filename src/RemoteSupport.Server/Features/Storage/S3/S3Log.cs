namespace RemoteSupport.Server.Features.Storage.S3;

/// Endpoint, bucket, object ids and organisation ids only: never credentials, content or content types.
internal static partial class S3Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: S3 blob store, bucket {Bucket} at {Endpoint} (region {Region}), spool {SpoolFolder}, master key id {KeyId}.")]
    public static partial void Ready(ILogger logger, string bucket, string endpoint, string region, string spoolFolder, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: S3 bucket {Bucket} is ready.")]
    public static partial void BucketReady(ILogger logger, string bucket);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: {Count} upload(s) left in the S3 spool by an earlier run are queued again.")]
    public static partial void PendingFound(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage: S3 is unreachable or failing ({Error}); object {BlobId} of organisation {OrganizationId} waits in the spool and is retried in the background.")]
    public static partial void Queued(ILogger logger, string error, BlobId blobId, Guid organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage: S3 upload of object {BlobId} of organisation {OrganizationId} failed (try {Attempt}: {Error}); next try in {Delay}.")]
    public static partial void RetryFailed(ILogger logger, BlobId blobId, Guid organizationId, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage: S3 bucket check failed (try {Attempt}: {Error}); uploads wait in the spool; next try in {Delay}.")]
    public static partial void BucketCheckFailed(ILogger logger, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: queued object {BlobId} of organisation {OrganizationId} is now in S3 ({Attempts} tries).")]
    public static partial void Uploaded(ILogger logger, BlobId blobId, Guid organizationId, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: S3 is reachable again.")]
    public static partial void Available(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage: object {BlobId} of organisation {OrganizationId} was deleted from the spool, but S3 could not be asked to delete a copy that may have reached it ({Error}).")]
    public static partial void DeleteFromS3Skipped(ILogger logger, BlobId blobId, Guid organizationId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage: object {BlobId} of organisation {OrganizationId} failed authentication; it was changed, damaged or replaced in S3.")]
    public static partial void IntegrityFailure(ILogger logger, Exception exception, BlobId blobId, Guid organizationId);

    /// The type and S3 error code of a failure, without its message: AWS error messages can quote request details.
    public static string Describe(Exception e) => e switch
    {
        Amazon.S3.AmazonS3Exception s3 => $"{(int)s3.StatusCode} {s3.ErrorCode}",
        Amazon.Runtime.AmazonServiceException service => $"{(int)service.StatusCode} {service.ErrorCode}",
        _ when e.InnerException is { } inner && e is Amazon.Runtime.AmazonClientException => $"{e.GetType().Name}: {Describe(inner)}",
        System.Net.Http.HttpRequestException http => $"{nameof(System.Net.Http.HttpRequestException)} {http.HttpRequestError}",
        _ => e.GetType().Name,
    };
}
