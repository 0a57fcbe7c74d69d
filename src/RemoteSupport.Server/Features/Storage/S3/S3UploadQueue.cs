using System.Collections.Concurrent;
using System.Threading.Channels;

namespace RemoteSupport.Server.Features.Storage.S3;

/// Moves encrypted objects from the local spool to S3. Every upload is written to the spool first (fsynced, renamed into
/// place); while S3 answers, PutAsync sends it at once, otherwise it is queued here and RunAsync retries it with a doubling
/// delay (RetryMinDelay … RetryMaxDelay, on the injected TimeProvider) until S3 has it. The spool file is removed only after
/// S3 confirmed the upload, so a crash or restart loses nothing: RunAsync queues whatever the spool still holds at start.
internal sealed class S3UploadQueue(
    LocalBlobStore spool, S3BucketClient bucket, S3StoreOptions options, TimeProvider time, ILogger<S3UploadQueue> logger)
{
    private readonly Channel<(Guid Organization, BlobId Id)> _queue = Channel.CreateUnbounded<(Guid, BlobId)>();
    private readonly ConcurrentDictionary<BlobId, bool> _uploading = new();
    private volatile bool _available;
    private volatile bool _failedBefore;
    private int _pending;
    private int _failures;

    /// True while the last contact with S3 worked (and the bucket is known to exist): uploads go straight through. While false,
    /// new uploads are only queued, so no request waits on an S3 that is down.
    public bool IsAvailable => _available;

    /// Objects in the spool that S3 does not have yet (queued or being retried).
    public int Pending => Volatile.Read(ref _pending);

    /// Failed tries so far (uploads and bucket checks).
    public int Failures => Volatile.Read(ref _failures);

    public void Enqueue(Guid organizationId, BlobId id)
    {
        Interlocked.Increment(ref _pending);
        _queue.Writer.TryWrite((organizationId, id));
    }

    /// Uploads a spooled object now; false (and queued for the background) when S3 failed. Throws only when
    /// <paramref name="cancellationToken"/> was cancelled.
    public async Task<bool> TryUploadNowAsync(Guid organizationId, BlobId id, CancellationToken cancellationToken)
    {
        if (!_uploading.TryAdd(id, true))
        {
            return false;
        }

        Exception failure;
        try
        {
            // Bounded: a slow or hanging S3 must not hold the caller; the background queue has no such limit.
            using var limit = new CancellationTokenSource(options.InlineUploadTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            await UploadAsync(organizationId, id, linked.Token);
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failure = e;
        }
        finally
        {
            _uploading.TryRemove(id, out _);
        }

        // Queued only after the claim is released, so the background loop never waits for this call.
        MarkUnavailable();
        S3Log.Queued(logger, S3Log.Describe(failure), id, organizationId);
        Enqueue(organizationId, id);
        return false;
    }

    /// The background loop: makes sure the bucket exists, queues what an earlier run left in the spool, then uploads queued
    /// objects one at a time, in order, until each has succeeded.
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (options.CreateBucket)
        {
            await RetryAsync(
                bucket.EnsureExistsAsync,
                (attempt, e, delay) => S3Log.BucketCheckFailed(logger, attempt, S3Log.Describe(e), delay),
                stoppingToken);
            S3Log.BucketReady(logger, bucket.Name);
        }

        MarkAvailable();
        var found = 0;
        foreach (var (organizationId, id) in SpooledObjects())
        {
            Enqueue(organizationId, id);
            found++;
        }

        if (found > 0)
        {
            S3Log.PendingFound(logger, found);
        }

        // A failed object goes to the back of the queue after the wait, so one object S3 keeps refusing (too large, say)
        // does not hold back the others; the wait doubles until any upload succeeds.
        var delay = options.RetryMinDelay;
        var attempts = new Dictionary<BlobId, int>();
        await foreach (var (organizationId, id) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            attempts[id] = attempts.GetValueOrDefault(id) + 1;
            try
            {
                await UploadQueuedAsync(organizationId, id, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                MarkUnavailable();
                S3Log.RetryFailed(logger, id, organizationId, attempts[id], S3Log.Describe(e), delay);
                await Task.Delay(delay, time, stoppingToken);
                delay = Double(delay);
                _queue.Writer.TryWrite((organizationId, id));
                continue;
            }

            S3Log.Uploaded(logger, id, organizationId, attempts[id]);
            attempts.Remove(id);
            delay = options.RetryMinDelay;
            Interlocked.Decrement(ref _pending);
        }
    }

    private TimeSpan Double(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.RetryMaxDelay.Ticks));

    /// Runs <paramref name="action"/> until it succeeds.
    private async Task RetryAsync(
        Func<CancellationToken, Task> action, Action<int, Exception, TimeSpan> onFailure, CancellationToken stoppingToken)
    {
        var delay = options.RetryMinDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action(stoppingToken);
                MarkAvailable();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                MarkUnavailable();
                onFailure(attempt, e, delay);
            }

            await Task.Delay(delay, time, stoppingToken);
            delay = Double(delay);
        }
    }

    private async Task UploadQueuedAsync(Guid organizationId, BlobId id, CancellationToken cancellationToken)
    {
        // A PutAsync of the same object may still be sending it; wait for it to finish (it re-queues on failure).
        while (!_uploading.TryAdd(id, true))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }

        try
        {
            await UploadAsync(organizationId, id, cancellationToken);
        }
        finally
        {
            _uploading.TryRemove(id, out _);
        }
    }

    /// Sends the spool file (if it is still there), then removes it from the spool. A delete that happened meanwhile (the
    /// spool file is gone when the upload ends) is carried out in S3 too, so a deleted object does not come back.
    private async Task UploadAsync(Guid organizationId, BlobId id, CancellationToken cancellationToken)
    {
        var path = spool.PathOf(organizationId, id);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }

        await using (file)
        {
            await bucket.UploadAsync(organizationId, id, file, cancellationToken);
        }

        // Moving (not deleting) the spool file tells, atomically, whether a DeleteAsync removed it while it was being sent.
        var done = Path.Combine(spool.Folder, ".tmp", $"{id}.uploaded");
        try
        {
            File.Move(path, done, overwrite: true);
            File.Delete(done);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            await bucket.DeleteAsync(S3BucketClient.KeyOf(organizationId, id), cancellationToken);
        }

        MarkAvailable();
    }

    /// Objects in the spool: &lt;spool&gt;/&lt;organisation, 32 hex&gt;/&lt;2 chars&gt;/&lt;name&gt;; anything else is left alone.
    private IEnumerable<(Guid Organization, BlobId Id)> SpooledObjects()
    {
        foreach (var organizationFolder in Directory.EnumerateDirectories(spool.Folder))
        {
            if (!Guid.TryParseExact(Path.GetFileName(organizationFolder), "N", out var organizationId) || organizationId == Guid.Empty)
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(organizationFolder, "*", SearchOption.AllDirectories))
            {
                if (BlobId.TryParse(Path.GetFileName(file), out var id) && spool.PathOf(organizationId, id) == file)
                {
                    yield return (organizationId, id);
                }
            }
        }
    }

    private void MarkAvailable()
    {
        if (!_available)
        {
            _available = true;
            if (_failedBefore)
            {
                S3Log.Available(logger);
            }
        }
    }

    private void MarkUnavailable()
    {
        Interlocked.Increment(ref _failures);
        _available = false;
        _failedBefore = true;
    }
}
