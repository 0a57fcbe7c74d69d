using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Server.Tests.Features.Storage;

/// A local blob store in its own temp folder, with small segments so that boundaries are cheap to reach.
internal sealed class TempStore : IDisposable
{
    public const int SegmentSize = 4096;
    public const int SealedSize = SegmentSize + 16;
    public const int HeaderSize = 85;

    public TempStore(int segmentSize = SegmentSize)
    {
        Root = Directory.CreateTempSubdirectory("rs-blobs-").FullName;
        Key = new MasterKey(RandomNumberGenerator.GetBytes(32));
        Store = new LocalBlobStore(Path.Combine(Root, "blobs"), segmentSize, Key, NullLogger<LocalBlobStore>.Instance);
        Store.Initialize();
    }

    public string Root { get; }

    public MasterKey Key { get; }

    public LocalBlobStore Store { get; }

    public static Guid OrgA { get; } = Guid.Parse("0b5d6a4e-1f2c-4a53-9c1e-7d2b8e0f4a11");

    public static Guid OrgB { get; } = Guid.Parse("6c0e9f3a-8b7d-4e21-a5c4-3f1d2e6b9c22");

    public async Task<BlobInfo> PutAsync(byte[] content, Guid? organizationId = null) =>
        await Store.PutAsync(organizationId ?? OrgA, new MemoryStream(content), "application/octet-stream", CancellationToken.None);

    public async Task<byte[]> ReadAllAsync(BlobId id, Guid? organizationId = null, long offset = 0)
    {
        await using var stream = await Store.OpenReadAsync(organizationId ?? OrgA, id, offset, CancellationToken.None)
            ?? throw new FileNotFoundException("no such object");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public string PathOf(BlobId id, Guid? organizationId = null) => Store.PathOf(organizationId ?? OrgA, id);

    public static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    public void Dispose()
    {
        Key.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

/// Reads like a network upload: no length, no seeking, and small irregular reads.
internal sealed class NonSeekableStream(Stream inner, int maxRead = 1000) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, maxRead));
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
