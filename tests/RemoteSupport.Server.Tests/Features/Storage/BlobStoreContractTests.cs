using System.Security.Cryptography;
using System.Text;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Server.Tests.Features.Storage;

/// The contract every IBlobStore provider keeps: round trips around segment boundaries, range reads, tamper detection,
/// organisation isolation, deletes. Each provider runs all of it through a subclass (LocalBlobStoreTests, S3BlobStoreTests);
/// tests of one provider's own behaviour live in its subclass.
public abstract class BlobStoreContractTests : IAsyncLifetime
{
    protected const int S = TempStore.SegmentSize;
    private StoreUnderTest? _store;

    protected StoreUnderTest T => _store ?? throw new InvalidOperationException("not initialised");

    /// A fresh, empty store of the provider (segment size TempStore.SegmentSize).
    protected abstract Task<StoreUnderTest> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(S - 1)]
    [InlineData(S)]
    [InlineData(S + 1)]
    [InlineData(2 * S)]
    [InlineData((3 * S) + 7)]
    public async Task PutThenRead_SizesAroundSegmentBoundaries_ReturnsTheSameBytes(int length)
    {
        var content = TempStore.RandomBytes(length);

        var info = await T.PutAsync(content);

        Assert.Equal(length, info.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), info.Sha256);
        Assert.Equal(content, await T.ReadAllAsync(info.Id));
        // Header, then every segment (an empty object is one empty final segment) with its 16-byte tag.
        var segments = Math.Max(1, (length + S - 1) / S);
        Assert.Equal(TempStore.HeaderSize + length + (16 * segments), (await T.ReadRawAsync(info.Id)).Length);
    }

    [SkippableFact]
    public async Task Put_NonSeekableUploadWithSmallReads_RoundTrips()
    {
        var content = TempStore.RandomBytes((5 * S) + 123);

        var info = await T.Store.PutAsync(TempStore.OrgA, new NonSeekableStream(new MemoryStream(content), maxRead: 777), "image/jpeg", CancellationToken.None);

        Assert.Equal(content, await T.ReadAllAsync(info.Id));
        Assert.Equal("image/jpeg", info.ContentType);
    }

    [SkippableFact]
    public async Task Read_Synchronously_ReturnsTheSameBytes()
    {
        var content = TempStore.RandomBytes((2 * S) + 5);
        var info = await T.PutAsync(content);

        await using var stream = (await T.Store.OpenReadAsync(TempStore.OrgA, info.Id, CancellationToken.None))!;
        var read = new List<byte>();
        var buffer = new byte[1000];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            read.AddRange(buffer.AsSpan(0, n));
        }

        Assert.Equal(content, read.ToArray());
    }

    [SkippableFact]
    public async Task Put_TwoObjects_GetsDistinctRandomNames()
    {
        var a = await T.PutAsync([1, 2, 3]);
        var b = await T.PutAsync([1, 2, 3]);

        Assert.NotEqual(a.Id, b.Id);
        Assert.Matches("^[0-9a-f]{32}$", a.Id.ToString());
        // Same plaintext, different data keys and nonces: nothing in common past the magic and version.
        Assert.NotEqual((await T.ReadRawAsync(a.Id))[13..], (await T.ReadRawAsync(b.Id))[13..]);
    }

    [SkippableFact]
    public async Task RawFile_JpegAndPdfWithMarkerText_ShowsNoSignatureNoMarkerAndNoContentType()
    {
        var marker = Encoding.ASCII.GetBytes("MARKER-7f3a-PUMP-ROOM-VALVE-B12");
        byte[] jpegStart = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00];
        var jpeg = jpegStart.Concat(Repeat(marker, 300)).Concat(new byte[] { 0xFF, 0xD9 }).ToArray();
        var pdf = "%PDF-1.7\n"u8.ToArray().Concat(Repeat(marker, 300)).Concat("\n%%EOF\n"u8.ToArray()).ToArray();

        var jpegInfo = await T.Store.PutAsync(TempStore.OrgA, new MemoryStream(jpeg), "image/jpeg", CancellationToken.None);
        var pdfInfo = await T.Store.PutAsync(TempStore.OrgA, new MemoryStream(pdf), "application/pdf", CancellationToken.None);

        foreach (var info in new[] { jpegInfo, pdfInfo })
        {
            var raw = await T.ReadRawAsync(info.Id);
            Assert.Equal(-1, raw.AsSpan().IndexOf(new byte[] { 0xFF, 0xD8, 0xFF }));
            Assert.Equal(-1, raw.AsSpan().IndexOf("%PDF"u8));
            Assert.Equal(-1, raw.AsSpan().IndexOf("JFIF"u8));
            Assert.Equal(-1, raw.AsSpan().IndexOf(marker.AsSpan(0, 8)));
            Assert.Equal(-1, raw.AsSpan().IndexOf("image/"u8));
            Assert.Equal(-1, raw.AsSpan().IndexOf("application/"u8));
        }

        Assert.Equal(jpeg, await T.ReadAllAsync(jpegInfo.Id));
        Assert.Equal(pdf, await T.ReadAllAsync(pdfInfo.Id));
    }

    [SkippableTheory]
    [InlineData(0, "magic")]
    [InlineData(4, "version")]
    [InlineData(5, "key id")]
    [InlineData(13, "wrap nonce")]
    [InlineData(30, "wrapped data key")]
    [InlineData(60, "wrap tag")]
    [InlineData(76, "segment size")]
    [InlineData(80, "base nonce")]
    [InlineData(TempStore.HeaderSize, "first segment ciphertext")]
    [InlineData(TempStore.HeaderSize + S + 3, "first segment tag")]
    [InlineData(TempStore.HeaderSize + TempStore.SealedSize + 100, "second segment ciphertext")]
    [InlineData(-1, "last byte of the final tag")]
    public async Task Read_OneFlippedBit_ThrowsIntegrityException(int position, string where)
    {
        var info = await T.PutAsync(TempStore.RandomBytes((2 * S) + 10));
        var raw = await T.ReadRawAsync(info.Id);
        raw[position < 0 ? raw.Length + position : position] ^= 0x01;
        await T.WriteRawAsync(info.Id, raw);

        var e = await Assert.ThrowsAsync<BlobIntegrityException>(() => T.ReadAllAsync(info.Id));
        Assert.False(string.IsNullOrEmpty(e.Message), where);
    }

    [SkippableTheory]
    [InlineData("drop the last segment")]
    [InlineData("cut mid-segment")]
    [InlineData("cut inside the last tag")]
    [InlineData("header only")]
    [InlineData("half the header")]
    [InlineData("empty file")]
    [InlineData("append a byte")]
    [InlineData("append the last segment again")]
    public async Task Read_TruncatedOrExtended_ThrowsIntegrityException(string change)
    {
        var info = await T.PutAsync(TempStore.RandomBytes(3 * S));
        var raw = await T.ReadRawAsync(info.Id);
        byte[] changed = change switch
        {
            "drop the last segment" => raw[..^TempStore.SealedSize],
            "cut mid-segment" => raw[..(TempStore.HeaderSize + TempStore.SealedSize + 1000)],
            "cut inside the last tag" => raw[..^5],
            "header only" => raw[..TempStore.HeaderSize],
            "half the header" => raw[..40],
            "empty file" => [],
            "append a byte" => [.. raw, 0],
            "append the last segment again" => [.. raw, .. raw[^TempStore.SealedSize..]],
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        await T.WriteRawAsync(info.Id, changed);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => T.ReadAllAsync(info.Id));
    }

    [SkippableFact]
    public async Task Read_SegmentsReordered_ThrowsIntegrityException()
    {
        var info = await T.PutAsync(TempStore.RandomBytes((3 * S) + 1));
        var raw = await T.ReadRawAsync(info.Id);
        var first = raw.AsSpan(TempStore.HeaderSize, TempStore.SealedSize).ToArray();
        raw.AsSpan(TempStore.HeaderSize + TempStore.SealedSize, TempStore.SealedSize).CopyTo(raw.AsSpan(TempStore.HeaderSize));
        first.CopyTo(raw.AsSpan(TempStore.HeaderSize + TempStore.SealedSize));
        await T.WriteRawAsync(info.Id, raw);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => T.ReadAllAsync(info.Id));
    }

    [SkippableFact]
    public async Task Read_HeaderSwappedWithAnotherObjects_ThrowsIntegrityException()
    {
        var a = await T.PutAsync(TempStore.RandomBytes(S + 1));
        var b = await T.PutAsync(TempStore.RandomBytes(S + 1));
        var rawA = await T.ReadRawAsync(a.Id);
        var rawB = await T.ReadRawAsync(b.Id);
        rawB.AsSpan(0, TempStore.HeaderSize).CopyTo(rawA);
        await T.WriteRawAsync(a.Id, rawA);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => T.ReadAllAsync(a.Id));
    }

    [SkippableFact]
    public async Task Read_WholeFileCopiedOverAnotherObject_ThrowsIntegrityException()
    {
        var a = await T.PutAsync(TempStore.RandomBytes(100));
        var b = await T.PutAsync(TempStore.RandomBytes(100));
        await T.WriteRawAsync(a.Id, await T.ReadRawAsync(b.Id));

        await Assert.ThrowsAsync<BlobIntegrityException>(() => T.ReadAllAsync(a.Id));
    }

    [SkippableFact]
    public async Task Read_OtherOrganizationsObject_FindsNothing()
    {
        var a = await T.PutAsync(TempStore.RandomBytes(100), TempStore.OrgA);

        Assert.Null(await T.Store.OpenReadAsync(TempStore.OrgB, a.Id, CancellationToken.None));
        Assert.False(await T.Store.ExistsAsync(TempStore.OrgB, a.Id, CancellationToken.None));
        Assert.False(await T.Store.DeleteAsync(TempStore.OrgB, a.Id, CancellationToken.None));
        Assert.True(await T.Store.ExistsAsync(TempStore.OrgA, a.Id, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Read_ObjectCopiedIntoAnotherOrganizationsPlace_ThrowsIntegrityException()
    {
        var a = await T.PutAsync(TempStore.RandomBytes(100), TempStore.OrgA);
        await T.WriteRawAsync(a.Id, TempStore.OrgB, await T.ReadRawAsync(a.Id));

        await Assert.ThrowsAsync<BlobIntegrityException>(() => T.ReadAllAsync(a.Id, TempStore.OrgB));
    }

    [SkippableFact]
    public async Task Read_UnderAnotherMasterKey_ThrowsIntegrityException()
    {
        var info = await T.PutAsync(TempStore.RandomBytes(100));
        using var otherKey = new MasterKey(TempStore.RandomBytes(32));
        var other = await T.WithKeyAsync(otherKey);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => other.OpenReadAsync(TempStore.OrgA, info.Id, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Read_TamperedThirdSegment_ReturnsOnlyTheVerifiedSegmentsBeforeFailing()
    {
        var content = TempStore.RandomBytes((3 * S) + 50);
        var info = await T.PutAsync(content);
        var raw = await T.ReadRawAsync(info.Id);
        raw[TempStore.HeaderSize + (2 * TempStore.SealedSize) + 10] ^= 0x80;
        await T.WriteRawAsync(info.Id, raw);

        await using var stream = (await T.Store.OpenReadAsync(TempStore.OrgA, info.Id, CancellationToken.None))!;
        var received = new MemoryStream();
        var buffer = new byte[1000];
        await Assert.ThrowsAsync<BlobIntegrityException>(async () =>
        {
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, n);
            }
        });

        Assert.Equal(content[..(2 * S)], received.ToArray());
        // A retry does not get past the bad segment either.
        await Assert.ThrowsAsync<BlobIntegrityException>(async () => await stream.ReadExactlyAsync(buffer));
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(S - 1)]
    [InlineData(S)]
    [InlineData((2 * S) + 17)]
    [InlineData((3 * S) + 49)]
    [InlineData((3 * S) + 50)]
    [InlineData(10 * S)]
    public async Task OpenRead_AtOffset_ReturnsTheRestFromThere(int offset)
    {
        var content = TempStore.RandomBytes((3 * S) + 50);
        var info = await T.PutAsync(content);

        var rest = await T.ReadAllAsync(info.Id, offset: offset);

        Assert.Equal(content[Math.Min(offset, content.Length)..], rest);
    }

    [SkippableFact]
    public async Task Stream_SeekBackAndForth_ReadsTheRightBytesAndReportsLength()
    {
        var content = TempStore.RandomBytes((4 * S) + 900);
        var info = await T.PutAsync(content);
        await using var stream = (await T.Store.OpenReadAsync(TempStore.OrgA, info.Id, CancellationToken.None))!;

        Assert.True(stream.CanSeek);
        Assert.False(stream.CanWrite);
        Assert.Equal(content.Length, stream.Length);
        var buffer = new byte[300];
        foreach (var position in new[] { (3 * S) + 5, 10, S - 100, (4 * S) - 150, 0 })
        {
            stream.Position = position;
            await stream.ReadExactlyAsync(buffer);
            Assert.Equal(content.AsSpan(position, buffer.Length).ToArray(), buffer);
            Assert.Equal(position + buffer.Length, stream.Position);
        }
    }

    [SkippableFact]
    public async Task OpenRead_AtOffsetPastTheEndOfATruncatedObject_ThrowsIntegrityException()
    {
        var info = await T.PutAsync(TempStore.RandomBytes(3 * S));
        await T.WriteRawAsync(info.Id, (await T.ReadRawAsync(info.Id))[..^TempStore.SealedSize]);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => T.ReadAllAsync(info.Id, offset: 5 * S));
    }

    [SkippableFact]
    public async Task Delete_ExistingObject_RemovesItAndThenFindsNothing()
    {
        var info = await T.PutAsync([42]);

        Assert.True(await T.Store.DeleteAsync(TempStore.OrgA, info.Id, CancellationToken.None));

        Assert.Equal(0, await T.CountStoredFilesAsync());
        Assert.False(await T.Store.ExistsAsync(TempStore.OrgA, info.Id, CancellationToken.None));
        Assert.Null(await T.Store.OpenReadAsync(TempStore.OrgA, info.Id, CancellationToken.None));
        Assert.False(await T.Store.DeleteAsync(TempStore.OrgA, info.Id, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Put_UploadFailsHalfway_LeavesNoFileBehind()
    {
        var failing = new FailingStream(TempStore.RandomBytes(3 * S), failAfter: 2 * S);

        await Assert.ThrowsAsync<IOException>(() => T.Store.PutAsync(TempStore.OrgA, failing, "image/png", CancellationToken.None));

        Assert.Equal(0, await T.CountStoredFilesAsync());
    }

    private static byte[] Repeat(byte[] bytes, int times) => Enumerable.Repeat(bytes, times).SelectMany(b => b).ToArray();

    private sealed class FailingStream(byte[] content, int failAfter) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= failAfter ? throw new IOException("connection reset") : base.ReadAsync(buffer[..Math.Min(buffer.Length, failAfter - (int)Position)], cancellationToken);
    }
}
