using Amazon.S3.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Features.Storage.S3;
using RemoteSupport.Tests.S3;

namespace RemoteSupport.IntegrationTests.Features.Storage;

/// Runs when s3rver can start (node on PATH, `npm ci` done in tests/s3rver: ./test.sh does both). Without it the tests
/// are skipped, except in CI (CI=true), where they fail: CI must test the S3 provider.
public sealed class S3rverFactAttribute : FactAttribute
{
    public S3rverFactAttribute()
    {
        if (S3rverProcess.Unavailable is { } reason && !S3rverProcess.IsCi)
        {
            Skip = reason;
        }
    }
}

/// Storage:Provider = S3 inside the real app, against a real s3rver.
public sealed class S3StorageStartupTests
{
    [S3rverFact]
    public async Task Start_ProviderS3_CreatesTheBucketAndStoresEncryptedObjectsThere()
    {
        await using var s3rver = await S3rverProcess.StartAsync();
        await using var factory = new RemoteSupportFactory(
            ("Storage:Provider", "S3"),
            ("Storage:S3:Endpoint", s3rver.Endpoint),
            ("Storage:S3:Bucket", "rs-integration"),
            ("Storage:S3:AccessKeyId", S3rverProcess.AccessKeyId),
            ("Storage:S3:SecretAccessKey", S3rverProcess.SecretAccessKey),
            ("Storage:S3:RetryMinDelay", "00:00:00.100"));
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddStorage()));
        using var client = app.CreateClient();
        var store = app.Services.GetRequiredService<IBlobStore>();
        Assert.IsType<S3BlobStore>(store);
        var queue = app.Services.GetRequiredService<S3UploadQueue>();
        for (var i = 0; i < 500 && !queue.IsAvailable; i++)
        {
            await Task.Delay(20);
        }

        var organizationId = Guid.NewGuid();
        var content = "integration test plaintext marker, repeated. "u8.ToArray();
        var info = await store.PutAsync(organizationId, new MemoryStream(content), "text/plain", CancellationToken.None);

        var s3 = app.Services.GetRequiredService<S3BucketClient>();
        using (var raw = await s3.Client.GetObjectAsync("rs-integration", $"{organizationId:N}/{info.Id}"))
        {
            using var bytes = new MemoryStream();
            await raw.ResponseStream.CopyToAsync(bytes);
            Assert.Equal(-1, bytes.ToArray().AsSpan().IndexOf("plaintext marker"u8));
        }

        await using var read = await store.OpenReadAsync(organizationId, info.Id, CancellationToken.None);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.DataFolder, "s3-spool"), "*", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(factory.DataFolder, "blobs")));
        var listed = await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "rs-integration" });
        Assert.Single(listed.S3Objects);
    }

    [Fact]
    public async Task Start_ProviderS3WithoutSettings_RefusesToStartNamingEveryMissingOne()
    {
        await using var factory = new RemoteSupportFactory(("Storage:Provider", "S3"), ("Storage:S3:Region", "not a region"));
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddStorage()));

        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var messages = string.Join("\n", Flatten(e).Select(x => x.Message));
        foreach (var setting in new[] { "Storage:S3:Bucket", "Storage:S3:AccessKeyId", "Storage:S3:SecretAccessKey", "Storage:S3:Region" })
        {
            Assert.Contains(setting, messages, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
