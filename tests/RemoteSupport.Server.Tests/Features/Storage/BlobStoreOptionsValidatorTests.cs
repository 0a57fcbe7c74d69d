using Microsoft.Extensions.Options;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Features.Storage.S3;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Tests.Features.Storage;

public sealed class BlobStoreOptionsValidatorTests
{
    private static readonly DataFolderOptions Data = new() { Folder = "/srv/remote-support" };

    private static IEnumerable<string> Failures(BlobStoreOptions options) =>
        new BlobStoreOptionsValidator(Options.Create(Data)).Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_Defaults_SucceedsWithPathsInTheDataFolder()
    {
        var options = new BlobStoreOptions();

        Assert.Empty(Failures(options));
        Assert.Equal("/srv/remote-support/blobs", options.LocalFolderPath(Data));
        Assert.Equal("/srv/remote-support/keys/master.key", options.MasterKeyFullPath(Data));
        Assert.Equal(64 * 1024, options.SegmentSize);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        var failures = Failures(new BlobStoreOptions
        {
            Provider = (BlobStoreProvider)7,
            LocalFolder = " ",
            MasterKeyPath = "key\0file",
            SegmentSize = 100,
        }).ToList();

        Assert.Contains(failures, f => f.Contains("Provider", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("LocalFolder", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MasterKeyPath", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("SegmentSize", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MasterKeyInsideTheBlobFolder_Fails()
    {
        var failures = Failures(new BlobStoreOptions { LocalFolder = "/srv/blobs", MasterKeyPath = "/srv/blobs/master.key" });

        Assert.Contains(failures, f => f.Contains("must not be inside", StringComparison.Ordinal));
        Assert.Empty(Failures(new BlobStoreOptions { LocalFolder = "/srv/blobs", MasterKeyPath = "/srv/blobs-key/master.key" }));
    }

    [Fact]
    public void Validate_SegmentSizeLimits_AreInclusive()
    {
        Assert.Empty(Failures(new BlobStoreOptions { SegmentSize = BlobStoreOptions.MinSegmentSize }));
        Assert.Empty(Failures(new BlobStoreOptions { SegmentSize = BlobStoreOptions.MaxSegmentSize }));
        Assert.NotEmpty(Failures(new BlobStoreOptions { SegmentSize = BlobStoreOptions.MaxSegmentSize + 1 }));
    }

    [Fact]
    public void Validate_S3WithNothingSet_ReportsEveryMissingSetting()
    {
        var failures = Failures(new BlobStoreOptions { Provider = BlobStoreProvider.S3 }).ToList();

        Assert.Contains(failures, f => f.Contains("Storage:S3:Bucket", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Storage:S3:AccessKeyId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Storage:S3:SecretAccessKey", StringComparison.Ordinal));
        Assert.Equal(3, failures.Count);
    }

    [Fact]
    public void Validate_S3WithBadValues_ReportsEveryOneWithoutQuotingTheSecret()
    {
        var failures = Failures(new BlobStoreOptions
        {
            Provider = BlobStoreProvider.S3,
            MasterKeyPath = "/srv/spool/master.key",
            S3 = new S3StoreOptions
            {
                Endpoint = "ftp://user:pw@s3.example",
                Region = "us east",
                Bucket = "My_Bucket",
                AccessKeyId = "AKIAEXAMPLE",
                SecretAccessKey = "very-secret-value",
                SpoolFolder = "/srv/spool",
                ConnectTimeout = TimeSpan.Zero,
                RequestTimeout = TimeSpan.FromSeconds(-1),
                InlineUploadTimeout = TimeSpan.Zero,
                RetryMinDelay = TimeSpan.FromMinutes(2),
                RetryMaxDelay = TimeSpan.FromMinutes(1),
            },
        }).ToList();

        foreach (var name in new[] { "Endpoint", "Region", "Bucket", "ConnectTimeout", "RequestTimeout", "InlineUploadTimeout", "RetryMinDelay", "SpoolFolder" })
        {
            Assert.Contains(failures, f => f.Contains($"Storage:S3:{name}", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(failures, f => f.Contains("very-secret-value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("remote-support.blobs-2", true)]
    [InlineData("ab", false)]
    [InlineData("-abc", false)]
    [InlineData("a..b", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("UPPER", false)]
    public void Validate_S3BucketNames_FollowTheS3Rules(string bucket, bool valid)
    {
        var options = new BlobStoreOptions
        {
            Provider = BlobStoreProvider.S3,
            S3 = new S3StoreOptions { Bucket = bucket, AccessKeyId = "a", SecretAccessKey = "b", Endpoint = "http://127.0.0.1:9000" },
        };

        Assert.Equal(valid, !Failures(options).Any());
    }

    [Fact]
    public void S3Defaults_SpoolInTheDataFolderAndPathStyleOnlyWithAnEndpoint()
    {
        var options = new S3StoreOptions();

        Assert.Equal("/srv/remote-support/s3-spool", options.SpoolFolderPath(Data));
        Assert.False(options.PathStyle);
        Assert.True(new S3StoreOptions { Endpoint = "http://127.0.0.1:9000" }.PathStyle);
        Assert.False(new S3StoreOptions { Endpoint = "http://127.0.0.1:9000", ForcePathStyle = false }.PathStyle);
        Assert.True(options.CreateBucket);
    }
}
