using Microsoft.Extensions.Options;
using RemoteSupport.Server.Features.Storage;
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
}
