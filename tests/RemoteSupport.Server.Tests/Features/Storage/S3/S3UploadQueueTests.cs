using System.Diagnostics;
using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Tests.Infrastructure.Https;
using RemoteSupport.Tests.S3;

namespace RemoteSupport.Server.Tests.Features.Storage.S3;

/// S3 outages: each test has its own s3rver, which it kills and starts again on the same port and folder.
public sealed class S3UploadQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private S3rverProcess? _server;
    private S3StoreUnderTest? _t;

    private S3rverProcess Server => _server!;

    private S3StoreUnderTest T => _t!;

    public async Task InitializeAsync()
    {
        S3rverFixture.SkipUnlessAvailable();
        _server = await S3rverProcess.StartAsync();
        _t = await S3StoreUnderTest.CreateAsync(_server.Endpoint);
    }

    public async Task DisposeAsync()
    {
        if (_t is not null)
        {
            await _t.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task Put_WhileS3IsDown_SucceedsFromTheSpoolAndReachesS3WhenItIsBack()
    {
        await Server.StopAsync();
        var first = TempStore.RandomBytes((2 * TempStore.SegmentSize) + 3);
        var second = TempStore.RandomBytes(10);

        var watch = Stopwatch.StartNew();
        var a = await T.PutAsync(first);
        var b = await T.PutAsync(second);
        watch.Stop();

        // Connection refused: the first Put tries once (and the SDK's two quick retries), the second does not even try.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"two uploads took {watch.Elapsed} while S3 was down");
        Assert.False(T.S3Store.Queue.IsAvailable);
        var spooled = T.S3Store.Spool.PathOf(TempStore.OrgA, a.Id);
        Assert.True(File.Exists(spooled));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(spooled));
        Assert.Equal(first, await T.ReadAllAsync(a.Id));
        Assert.Equal(first[5000..], await T.ReadAllAsync(a.Id, offset: 5000));
        Assert.True(await T.Store.ExistsAsync(TempStore.OrgA, b.Id, CancellationToken.None));

        await Server.StartAgainAsync();
        await T.WaitUntilUploadedAsync(Patience);

        Assert.False(File.Exists(spooled));
        Assert.True(T.S3Store.Queue.IsAvailable);
        Assert.Equal(first, await T.ReadAllAsync(a.Id));
        Assert.Equal(second, await T.ReadAllAsync(b.Id));
        Assert.Equal(85 + first.Length + (3 * 16), (await T.ReadRawAsync(a.Id)).Length);
    }

    [SkippableFact]
    public async Task Restart_WithUploadsLeftInTheSpool_UploadsThemAtStart()
    {
        await Server.StopAsync();
        var content = TempStore.RandomBytes(5000);
        var info = await T.PutAsync(content);
        Assert.True(File.Exists(T.S3Store.Spool.PathOf(TempStore.OrgA, info.Id)));

        await Server.StartAgainAsync();
        // The old queue's memory is gone with the "process"; only the spool folder tells the new one what to send.
        await T.RestartAsync();
        await T.WaitUntilUploadedAsync(Patience);

        Assert.Equal(content, await T.ReadAllAsync(info.Id));
        Assert.Equal(content.Length + 85 + 32, (await T.ReadRawAsync(info.Id)).Length);
    }

    [SkippableFact]
    public async Task Delete_WhileOnlyInTheSpool_RemovesItAndNothingReachesS3()
    {
        await Server.StopAsync();
        var info = await T.PutAsync([1, 2, 3]);

        Assert.True(await T.Store.DeleteAsync(TempStore.OrgA, info.Id, CancellationToken.None));
        Assert.False(File.Exists(T.S3Store.Spool.PathOf(TempStore.OrgA, info.Id)));

        await Server.StartAgainAsync();
        var other = await T.PutAsync([4]);
        await T.WaitUntilUploadedAsync(Patience);
        Assert.Equal(1, await T.CountStoredFilesAsync());
        Assert.False(await T.Store.ExistsAsync(TempStore.OrgA, info.Id, CancellationToken.None));
        Assert.True(await T.Store.ExistsAsync(TempStore.OrgA, other.Id, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Retry_WaitsOnTheTimeProvider_BeforeTryingAgain()
    {
        var time = new FakeTimeProvider();
        await T.RestartAsync(time);
        await Server.StopAsync();
        var info = await T.PutAsync([7, 7, 7]);
        // The queue's own first try fails too; then it waits for RetryMinDelay on the fake clock.
        await WaitForAsync(() => T.S3Store.Queue.Failures >= 2);

        await Server.StartAgainAsync();
        await Task.Delay(500);
        Assert.Equal(1, T.S3Store.Queue.Pending);

        time.Advance(T.Options.RetryMaxDelay);
        await T.WaitUntilUploadedAsync(Patience);
        Assert.Equal([7, 7, 7], await T.ReadAllAsync(info.Id));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < Patience, "timed out");
            await Task.Delay(10);
        }
    }
}
