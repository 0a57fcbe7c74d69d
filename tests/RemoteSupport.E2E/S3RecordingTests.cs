using System.Diagnostics;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// The same recording, stored in an S3 bucket (a real s3rver): it plays from the session page, and S3 holds only
/// ciphertext.
public sealed class S3RecordingTests(S3RoutedCallStage stage) : IClassFixture<S3RoutedCallStage>, IAsyncLifetime
{
    public Task InitializeAsync() => stage.EnsureIdleAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RecordingStoredInS3_PlaysFromTheSessionPage()
    {
        await stage.ConnectAsync();
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Assertions.Expect(stage.Glass.GetByTestId("recording-indicator")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await MediaStats.ExpectFlowingAsync(stage.Portal, within: TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stage.HangUpAsync(stage.Portal);

        await stage.Portal.GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }).ClickAsync();
        await stage.Portal.GetByTestId("call-history").Locator("tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        var player = stage.Portal.GetByTestId("session-recordings").GetByTestId("recording-player");
        await Assertions.Expect(player).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await player.EvaluateAsync("v => { v.preload = 'auto'; v.load(); }");
        await stage.Portal.WaitForFunctionAsync("() => document.querySelector('[data-testid=recording-player]').readyState >= 1");

        var source = await player.GetAttributeAsync("src");
        var download = await stage.Portal.Context.APIRequest.GetAsync(source + "?download=1");
        Assert.Equal(200, download.Status);
        var webm = await download.BodyAsync();
        Assert.Equal([0x1A, 0x45, 0xDF, 0xA3], webm[..4]);

        // The bucket has the object, encrypted: the WebM's magic bytes are nowhere at its start.
        var stored = Directory.EnumerateFiles(stage.S3.Directory, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length >= webm.Length).ToList();
        Assert.NotEmpty(stored);
        foreach (var file in stored)
        {
            var head = new byte[4];
            await using var stream = File.OpenRead(file);
            await stream.ReadExactlyAsync(head);
            Assert.NotEqual(webm[..4], head);
        }
    }
}
