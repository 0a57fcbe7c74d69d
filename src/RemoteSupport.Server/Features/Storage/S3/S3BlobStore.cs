namespace RemoteSupport.Server.Features.Storage.S3;

/// Encrypted objects in an S3-compatible bucket, under "&lt;organisation id&gt;/&lt;name&gt;", in exactly the format of the local
/// store (the same header, segments and AAD binding to organisation and object), so objects can move between providers.
/// Every upload is encrypted into the local spool first and sent from there: S3 being down or slow makes uploads wait in
/// the spool (S3UploadQueue), never fail. Reads find a spooled object in the spool, anything else in S3 with ranged GETs.
internal sealed class S3BlobStore(LocalBlobStore spool, S3BucketClient bucket, S3UploadQueue queue, MasterKey masterKey, ILogger<S3BlobStore> logger)
    : IBlobStore
{
    public LocalBlobStore Spool => spool;

    public S3BucketClient Bucket => bucket;

    public S3UploadQueue Queue => queue;

    public void LogReady(S3StoreOptions options) =>
        S3Log.Ready(logger, bucket.Name, string.IsNullOrWhiteSpace(options.Endpoint) ? "AWS" : options.Endpoint, options.Region, spool.Folder, masterKey.KeyIdHex);

    public async Task<BlobInfo> PutAsync(Guid organizationId, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var info = await spool.PutAsync(organizationId, content, contentType, cancellationToken);
        if (!queue.IsAvailable)
        {
            queue.Enqueue(organizationId, info.Id);
            return info;
        }

        try
        {
            await queue.TryUploadNowAsync(organizationId, info.Id, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up on this upload and keeps no reference to it.
            await spool.DeleteAsync(organizationId, info.Id, CancellationToken.None);
            throw;
        }

        return info;
    }

    public async Task<Stream?> OpenReadAsync(Guid organizationId, BlobId id, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (await spool.OpenReadAsync(organizationId, id, offset, cancellationToken) is { } spooled)
        {
            return spooled;
        }

        var key = KeyOf(organizationId, id);
        if (await bucket.ReadPrefixAsync(key, BlobFormat.HeaderSize, cancellationToken) is not var (prefix, length, eTag))
        {
            return null;
        }

        var source = new S3RangeStream(bucket, key, prefix, length, eTag);
        try
        {
            var stream = await BlobFormat.OpenAsync(masterKey, organizationId, id, source,
                e => S3Log.IntegrityFailure(logger, e, id, organizationId), cancellationToken);
            if (offset > 0)
            {
                stream.Position = offset;
            }

            return stream;
        }
        catch (BlobIntegrityException e)
        {
            S3Log.IntegrityFailure(logger, e, id, organizationId);
            await source.DisposeAsync();
            throw;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    public async Task<bool> ExistsAsync(Guid organizationId, BlobId id, CancellationToken cancellationToken) =>
        await spool.ExistsAsync(organizationId, id, cancellationToken) || await bucket.ExistsAsync(KeyOf(organizationId, id), cancellationToken);

    public async Task<bool> DeleteAsync(Guid organizationId, BlobId id, CancellationToken cancellationToken)
    {
        var key = KeyOf(organizationId, id);
        if (!await spool.DeleteAsync(organizationId, id, cancellationToken))
        {
            return await bucket.DeleteAsync(key, cancellationToken);
        }

        // It was still spooled, so S3 normally has no copy; but an upload may have just reached S3 (the uploader deletes that
        // copy when it finds the spool file gone), or a crash may have come between upload and spool clean-up.
        if (queue.IsAvailable)
        {
            try
            {
                await bucket.DeleteAsync(key, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                S3Log.DeleteFromS3Skipped(logger, id, organizationId, S3Log.Describe(e));
            }
        }

        return true;
    }

    private static string KeyOf(Guid organizationId, BlobId id)
    {
        if (organizationId == Guid.Empty)
        {
            throw new ArgumentException("Every object belongs to an organisation.", nameof(organizationId));
        }

        return S3BucketClient.KeyOf(organizationId, id);
    }
}
