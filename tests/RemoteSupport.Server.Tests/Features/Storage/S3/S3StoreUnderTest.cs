using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Features.Storage.S3;
using RemoteSupport.Tests.S3;

namespace RemoteSupport.Server.Tests.Features.Storage.S3;

/// The S3 provider against a real s3rver: a bucket of its own per test, a spool in a temp folder, and the upload queue
/// running in the background as in the server.
internal sealed class S3StoreUnderTest : StoreUnderTest
{
    private readonly List<(S3BlobStore Store, CancellationTokenSource Stop, Task Loop)> _stores = [];
    private readonly string _root = Directory.CreateTempSubdirectory("rs-s3-spool-").FullName;

    private S3StoreUnderTest(string endpoint, MasterKey key, S3StoreOptions options)
    {
        Endpoint = endpoint;
        Key = key;
        Options = options;
        Client = S3BucketClient.CreateClient(options);
    }

    public string Endpoint { get; }

    public S3StoreOptions Options { get; }

    public IAmazonS3 Client { get; }

    public override MasterKey Key { get; }

    public S3BlobStore S3Store => _stores[0].Store;

    public override IBlobStore Store => S3Store;

    public string BucketName => Options.Bucket!;

    /// A store on a fresh bucket of <paramref name="endpoint"/>, ready (bucket created, queue running) when this returns.
    public static async Task<S3StoreUnderTest> CreateAsync(
        string endpoint, TimeProvider? time = null, bool waitUntilAvailable = true, Action<S3StoreOptions>? configure = null)
    {
        var options = CreateOptions(endpoint, $"rs-test-{Guid.NewGuid():N}"[..40]);
        configure?.Invoke(options);
        var t = new S3StoreUnderTest(endpoint, new MasterKey(RandomNumberGenerator.GetBytes(32)), options);
        await t.AddStoreAsync(t.Key, "spool", time ?? TimeProvider.System, waitUntilAvailable);
        return t;
    }

    public static S3StoreOptions CreateOptions(string endpoint, string bucket) => new()
    {
        Endpoint = endpoint,
        Bucket = bucket,
        AccessKeyId = S3rverProcess.AccessKeyId,
        SecretAccessKey = S3rverProcess.SecretAccessKey,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(30),
        RetryMinDelay = TimeSpan.FromMilliseconds(50),
        RetryMaxDelay = TimeSpan.FromMilliseconds(400),
    };

    public string SpoolFolder => S3Store.Spool.Folder;

    public static string KeyOf(BlobId id, Guid organizationId) => S3BucketClient.KeyOf(organizationId, id);

    public override async Task<byte[]> ReadRawAsync(BlobId id, Guid organizationId)
    {
        using var response = await Client.GetObjectAsync(BucketName, KeyOf(id, organizationId));
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public override async Task WriteRawAsync(BlobId id, Guid organizationId, byte[] raw)
    {
        var request = new PutObjectRequest { BucketName = BucketName, Key = KeyOf(id, organizationId), InputStream = new MemoryStream(raw), UseChunkEncoding = false };
        request.Metadata[S3BucketClient.KeyIdMetadata] = Key.KeyIdHex;
        await Client.PutObjectAsync(request);
    }

    public override async Task<int> CountStoredFilesAsync()
    {
        var listed = await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = BucketName });
        return (listed.S3Objects?.Count ?? 0) + Directory.EnumerateFiles(SpoolFolder, "*", SearchOption.AllDirectories).Count();
    }

    public override async Task<IBlobStore> WithKeyAsync(MasterKey key) => await AddStoreAsync(key, $"spool-{_stores.Count}", TimeProvider.System, waitUntilAvailable: true);

    /// Waits until the queue has sent everything (or throws after <paramref name="timeout"/>).
    public async Task WaitUntilUploadedAsync(TimeSpan timeout)
    {
        var until = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (S3Store.Queue.Pending > 0 || Directory.EnumerateFiles(SpoolFolder, "*", SearchOption.AllDirectories).Any())
        {
            if (Environment.TickCount64 > until)
            {
                throw new TimeoutException($"{S3Store.Queue.Pending} upload(s) still queued after {timeout}.");
            }

            await Task.Delay(20);
        }
    }

    /// Plays a server restart: the upload loop stops, and a new store and queue start over the same spool folder.
    public async Task RestartAsync(TimeProvider? time = null, bool waitUntilAvailable = true)
    {
        var first = _stores[0];
        await StopAsync(first);
        _stores.RemoveAt(0);
        var store = await AddStoreAsync(Key, "spool", time ?? TimeProvider.System, waitUntilAvailable);
        var added = _stores[^1];
        _stores.RemoveAt(_stores.Count - 1);
        _stores.Insert(0, added);
        Assert.Same(store, S3Store);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var entry in _stores)
        {
            await StopAsync(entry);
        }

        Client.Dispose();
        Key.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static async Task StopAsync((S3BlobStore Store, CancellationTokenSource Stop, Task Loop) entry)
    {
        await entry.Stop.CancelAsync();
        try
        {
            await entry.Loop;
        }
        catch (OperationCanceledException)
        {
        }

        entry.Store.Bucket.Dispose();
        entry.Stop.Dispose();
    }

    private async Task<S3BlobStore> AddStoreAsync(MasterKey key, string spoolName, TimeProvider time, bool waitUntilAvailable)
    {
        var spool = new LocalBlobStore(Path.Combine(_root, spoolName), SegmentSize, key, NullLogger<LocalBlobStore>.Instance);
        spool.Initialize(logReady: false);
        var bucket = new S3BucketClient(S3BucketClient.CreateClient(Options), BucketName, key.KeyIdHex);
        var queue = new S3UploadQueue(spool, bucket, Options, time, NullLogger<S3UploadQueue>.Instance);
        var store = new S3BlobStore(spool, bucket, queue, key, NullLogger<S3BlobStore>.Instance);
        var stop = new CancellationTokenSource();
        _stores.Add((store, stop, Task.Run(() => queue.RunAsync(stop.Token))));
        var until = Environment.TickCount64 + 20_000;
        while (waitUntilAvailable && !queue.IsAvailable)
        {
            Assert.True(Environment.TickCount64 < until, "the S3 store did not become available (bucket not created?)");
            await Task.Delay(10);
        }

        return store;
    }
}
