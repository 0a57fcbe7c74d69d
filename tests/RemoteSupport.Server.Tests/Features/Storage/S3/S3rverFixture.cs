using RemoteSupport.Tests.S3;

namespace RemoteSupport.Server.Tests.Features.Storage.S3;

/// One s3rver for a test class, started by the first test that needs it. Without node or s3rver the tests are skipped
/// (saying how to enable them), except under CI=true, where they fail.
public sealed class S3rverFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private S3rverProcess? _server;

    public static void SkipUnlessAvailable() =>
        Skip.If(S3rverProcess.Unavailable is not null && !S3rverProcess.IsCi, S3rverProcess.Unavailable);

    /// A running s3rver (fails in CI, skips elsewhere, when it cannot run).
    public async Task<S3rverProcess> ServerAsync()
    {
        SkipUnlessAvailable();
        await _gate.WaitAsync();
        try
        {
            return _server ??= await S3rverProcess.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gate.Dispose();
    }
}
