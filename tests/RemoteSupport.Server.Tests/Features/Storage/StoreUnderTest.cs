using Microsoft.Extensions.Logging.Abstractions;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Server.Tests.Features.Storage;

/// One provider of IBlobStore as the shared contract tests (BlobStoreContractTests) see it: the store, plus raw access to
/// the stored ciphertext so tests can tamper with it, wherever the provider keeps it.
public abstract class StoreUnderTest : IAsyncDisposable
{
    public const int SegmentSize = TempStore.SegmentSize;

    public abstract IBlobStore Store { get; }

    public abstract MasterKey Key { get; }

    /// The stored object's bytes, exactly as the provider keeps them.
    public abstract Task<byte[]> ReadRawAsync(BlobId id, Guid organizationId);

    /// Replaces (or creates) the stored bytes of an object, behind the store's back.
    public abstract Task WriteRawAsync(BlobId id, Guid organizationId, byte[] raw);

    /// Every object or partial upload the provider holds anywhere (final places, temp files, spool).
    public abstract Task<int> CountStoredFilesAsync();

    /// A second store over the same objects, with another master key.
    public abstract Task<IBlobStore> WithKeyAsync(MasterKey key);

    public async Task<BlobInfo> PutAsync(byte[] content, Guid? organizationId = null) =>
        await Store.PutAsync(organizationId ?? TempStore.OrgA, new MemoryStream(content), "application/octet-stream", CancellationToken.None);

    public async Task<byte[]> ReadAllAsync(BlobId id, Guid? organizationId = null, long offset = 0)
    {
        await using var stream = await Store.OpenReadAsync(organizationId ?? TempStore.OrgA, id, offset, CancellationToken.None)
            ?? throw new FileNotFoundException("no such object");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public Task<byte[]> ReadRawAsync(BlobId id) => ReadRawAsync(id, TempStore.OrgA);

    public Task WriteRawAsync(BlobId id, byte[] raw) => WriteRawAsync(id, TempStore.OrgA, raw);

    public abstract ValueTask DisposeAsync();
}

/// The Local provider in a temp folder.
public sealed class LocalStoreUnderTest : StoreUnderTest
{
    private readonly TempStore _t = new();

    public override IBlobStore Store => _t.Store;

    public override MasterKey Key => _t.Key;

    internal TempStore Temp => _t;

    public override Task<byte[]> ReadRawAsync(BlobId id, Guid organizationId) => File.ReadAllBytesAsync(_t.PathOf(id, organizationId));

    public override Task WriteRawAsync(BlobId id, Guid organizationId, byte[] raw)
    {
        var path = _t.PathOf(id, organizationId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return File.WriteAllBytesAsync(path, raw);
    }

    public override Task<int> CountStoredFilesAsync() =>
        Task.FromResult(Directory.EnumerateFiles(_t.Store.Folder, "*", SearchOption.AllDirectories).Count());

    public override Task<IBlobStore> WithKeyAsync(MasterKey key) =>
        Task.FromResult<IBlobStore>(new LocalBlobStore(_t.Store.Folder, SegmentSize, key, NullLogger<LocalBlobStore>.Instance));

    public override ValueTask DisposeAsync()
    {
        _t.Dispose();
        return ValueTask.CompletedTask;
    }
}
