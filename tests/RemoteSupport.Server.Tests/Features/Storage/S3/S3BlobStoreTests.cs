using System.Text;
using Amazon.S3.Model;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Features.Storage.S3;

namespace RemoteSupport.Server.Tests.Features.Storage.S3;

/// The blob store contract on the S3 provider against a real s3rver, and what only S3 does (metadata, ranged GETs).
public sealed class S3BlobStoreTests(S3rverFixture s3rver) : BlobStoreContractTests, IClassFixture<S3rverFixture>
{
    private S3StoreUnderTest S3 => (S3StoreUnderTest)T;

    protected override async Task<StoreUnderTest> CreateStoreAsync() =>
        await S3StoreUnderTest.CreateAsync((await s3rver.ServerAsync()).Endpoint);

    [SkippableFact]
    public async Task Put_StoredObject_IsCiphertextUnderOrgAndNameWithOnlyTheKeyIdAsMetadata()
    {
        var marker = Encoding.ASCII.GetBytes("MARKER-S3-7f3a-PUMP-ROOM-VALVE-B12 ");
        var content = Enumerable.Repeat(marker, 500).SelectMany(b => b).ToArray();

        var info = await S3.Store.PutAsync(TempStore.OrgA, new MemoryStream(content), "application/pdf", CancellationToken.None);

        var listed = await S3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3.BucketName });
        Assert.Equal($"{TempStore.OrgA:N}/{info.Id}", Assert.Single(listed.S3Objects).Key);
        var raw = await S3.ReadRawAsync(info.Id);
        Assert.Equal(-1, raw.AsSpan().IndexOf(marker.AsSpan(0, 12)));
        Assert.Equal(-1, raw.AsSpan().IndexOf("application/pdf"u8));
        var metadata = await S3.Client.GetObjectMetadataAsync(S3.BucketName, S3StoreUnderTest.KeyOf(info.Id, TempStore.OrgA));
        Assert.Equal(["x-amz-meta-key-id"], metadata.Metadata.Keys);
        Assert.Equal(S3.Key.KeyIdHex, metadata.Metadata["x-amz-meta-key-id"]);
        Assert.Equal("application/octet-stream", metadata.Headers.ContentType);
        Assert.Equal(content, await S3.ReadAllAsync(info.Id));
        // Uploaded while S3 answered: nothing stays in the spool.
        Assert.Empty(Directory.EnumerateFiles(S3.SpoolFolder, "*", SearchOption.AllDirectories));
    }

    [SkippableFact]
    public async Task OpenRead_AtOffsetNearTheEndOfALargeObject_FetchesOnlyOneWindow()
    {
        const int Size = 3 * S3RangeStream.Window;
        var content = TempStore.RandomBytes(Size);
        var info = await S3.PutAsync(content);
        var offset = Size - 5000;

        await using var stream = (DecryptingStream)(await S3.Store.OpenReadAsync(TempStore.OrgA, info.Id, offset, CancellationToken.None))!;
        var buffer = new byte[1000];
        await stream.ReadExactlyAsync(buffer);

        Assert.Equal(content.AsSpan(offset, buffer.Length).ToArray(), buffer);
        var source = Assert.IsType<S3RangeStream>(stream.Source);
        Assert.Equal(1, source.Requests);
        // The segment holding the offset, to the end: a few KiB of a 12 MiB object.
        Assert.True(source.BytesRequested < 3 * TempStore.SealedSize, $"requested {source.BytesRequested} bytes");
    }

    [SkippableFact]
    public async Task Read_LargeObjectFromTheStart_StreamsItWindowByWindow()
    {
        var content = TempStore.RandomBytes((2 * S3RangeStream.Window) + 12345);
        var info = await S3.PutAsync(content);

        await using var stream = (DecryptingStream)(await S3.Store.OpenReadAsync(TempStore.OrgA, info.Id, CancellationToken.None))!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
        var source = Assert.IsType<S3RangeStream>(stream.Source);
        Assert.Equal(3, source.Requests);
    }
}
