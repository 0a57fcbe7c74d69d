using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RemoteSupport.Server.Tests.Features.Storage.S3;

/// An S3 endpoint that accepts connections and never answers (a hung proxy or server): uploads must not wait on it.
public sealed class S3HangingEndpointTests : IAsyncLifetime
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _accepting;

    public Task InitializeAsync()
    {
        _listener.Start();
        _accepting = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(client);
                }
            }
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting!;
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var client in _accepted)
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    [Fact]
    public async Task Put_EndpointNeverAnswers_ReturnsAfterTheInlineTimeoutWithTheObjectSpooledAndReadable()
    {
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        await using var t = await S3StoreUnderTest.CreateAsync(endpoint, configure: o =>
        {
            o.CreateBucket = false;
            o.InlineUploadTimeout = TimeSpan.FromMilliseconds(500);
        });
        var content = TempStore.RandomBytes(3 * TempStore.SegmentSize);

        var watch = Stopwatch.StartNew();
        var info = await t.PutAsync(content);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the upload waited {watch.Elapsed} on a hanging S3");
        Assert.False(t.S3Store.Queue.IsAvailable);
        Assert.True(File.Exists(t.S3Store.Spool.PathOf(TempStore.OrgA, info.Id)));
        Assert.Equal(content, await t.ReadAllAsync(info.Id));
        Assert.Equal(1, t.S3Store.Queue.Pending);
    }
}
