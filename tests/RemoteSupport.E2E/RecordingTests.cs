using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// Recording through the media server: the light and the chat line everyone sees, the WebM on the session page (played
/// and downloaded through the server, decrypted on the way), and recordings that survive Janus or the server dying.
public sealed class RecordingTests(RoutedCallStage stage) : IClassFixture<RoutedCallStage>, IAsyncLifetime
{
    public Task InitializeAsync() => stage.EnsureIdleAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TenSecondRecording_PlaysFromTheSessionPage_AsVp8AndOpusOfTheRecordedLength()
    {
        await stage.ConnectAsync();
        // The expert shares the webcam: it is kept as a second file.
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Share webcam" }).ClickAsync();
        await Assertions.Expect(stage.Portal.GetByTestId("local-video")).ToBeVisibleAsync();
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Assertions.Expect(stage.Glass.GetByTestId("recording-indicator")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var span = Stopwatch.StartNew();
        await Assertions.Expect(stage.Portal.GetByTestId("recording-indicator")).ToBeVisibleAsync();
        await Assertions.Expect(stage.Glass.GetByTestId("chat-messages")).ToContainTextAsync("Recording started by Ada Admin");
        // Media moved to the media server for the recording and flows there.
        await MediaStats.ExpectFlowingAsync(stage.Portal, within: TimeSpan.FromSeconds(30));

        await Task.Delay(TimeSpan.FromSeconds(10) - span.Elapsed);
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Stop recording" }).ClickAsync();
        span.Stop();
        await Assertions.Expect(stage.Glass.GetByTestId("recording-indicator")).ToBeHiddenAsync();
        await stage.HangUpAsync(stage.Portal);

        var recording = await OpenLastSessionRecordingAsync();
        var player = recording.GetByTestId("recording-player");
        await Assertions.Expect(player).ToBeVisibleAsync(new() { Timeout = 90_000 });
        var source = await player.GetAttributeAsync("src");
        Assert.NotNull(source);
        await Assertions.Expect(recording.GetByRole(AriaRole.Link, new() { Name = "Download webcam" })).ToBeVisibleAsync();

        // The browser's own player loads it.
        await player.EvaluateAsync("v => { v.preload = 'auto'; v.load(); }");
        await stage.Portal.WaitForFunctionAsync("() => document.querySelector('[data-testid=recording-player]').readyState >= 1");

        var file = Path.Combine(Path.GetTempPath(), $"rs-recording-{Guid.NewGuid():N}.webm");
        try
        {
            var download = await stage.Portal.Context.APIRequest.GetAsync(source + "?download=1");
            Assert.Equal(200, download.Status);
            await File.WriteAllBytesAsync(file, await download.BodyAsync());
            var probe = await FfprobeAsync(file);
            var codecs = probe.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_name").GetString()).ToList();
            Assert.Contains("vp8", codecs);
            Assert.Contains("opus", codecs);
            var duration = double.Parse(probe.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(duration, span.Elapsed.TotalSeconds - 1.5, span.Elapsed.TotalSeconds + 1.5);

            // Seeking: a range request answers the bytes asked for.
            var range = await stage.Portal.Context.APIRequest.GetAsync(source, new() { Headers = new Dictionary<string, string> { ["Range"] = "bytes=100-199" } });
            Assert.Equal(206, range.Status);
            Assert.Equal((await File.ReadAllBytesAsync(file))[100..200], await range.BodyAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task JanusKilledWhileRecording_MediaComesBack_AndThePartialRecordingIsKeptOrFlagged()
    {
        await stage.ConnectAsync();
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Assertions.Expect(stage.Glass.GetByTestId("recording-indicator")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await MediaStats.ExpectFlowingAsync(stage.Portal, within: TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var janus = Process.GetProcessesByName("janus").Single();
        janus.Kill();
        await janus.WaitForExitAsync();

        await Assertions.Expect(stage.Glass.GetByTestId("chat-messages")).ToContainTextAsync("the media server restarted", new() { Timeout = 20_000 });
        await Assertions.Expect(stage.Glass.GetByTestId("recording-indicator")).ToBeHiddenAsync();
        await MediaStats.ExpectFlowingAsync(stage.Portal, within: TimeSpan.FromSeconds(40));
        await MediaStats.ExpectFlowingAsync(stage.Glass, video: false, within: TimeSpan.FromSeconds(40));
        await stage.HangUpAsync(stage.Portal);

        await ExpectKeptOrFlaggedAsync(await OpenLastSessionRecordingAsync());
    }

    [Fact]
    public async Task ServerKilledWhileRecording_AtRestartTheRecordingIsRecoveredOrFlagged()
    {
        await stage.ConnectAsync();
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Assertions.Expect(stage.Glass.GetByTestId("recording-indicator")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await MediaStats.ExpectFlowingAsync(stage.Portal, within: TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));

        await stage.Server.RestartAsync(TimeSpan.FromSeconds(1));

        // The call picks up again through the restarted media server.
        await CallStage.ExpectStatusAsync(stage.Portal, "Connected");
        await MediaStats.ExpectFlowingAsync(stage.Portal, within: TimeSpan.FromSeconds(40));
        await stage.HangUpAsync(stage.Portal);

        await ExpectKeptOrFlaggedAsync(await OpenLastSessionRecordingAsync());
    }

    /// Ready with a player, or Failed with its reason: never silently gone.
    private static async Task ExpectKeptOrFlaggedAsync(ILocator recording)
    {
        await Assertions.Expect(recording).ToHaveCountAsync(1);
        var done = recording.GetByTestId("recording-player").Or(recording.GetByRole(AriaRole.Alert));
        await Assertions.Expect(done).ToBeVisibleAsync(new() { Timeout = 90_000 });
        if (await recording.GetByRole(AriaRole.Alert).IsVisibleAsync())
        {
            await Assertions.Expect(recording.GetByRole(AriaRole.Alert)).ToContainTextAsync("could not be converted: ");
        }
    }

    private async Task<ILocator> OpenLastSessionRecordingAsync()
    {
        await stage.Portal.GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }).ClickAsync();
        var row = stage.Portal.GetByTestId("call-history").Locator("tbody tr").First;
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(stage.Portal.GetByTestId("session-recordings")).ToBeVisibleAsync();
        return stage.Portal.GetByTestId("session-recordings").GetByTestId("recording");
    }

    private static async Task<JsonElement> FfprobeAsync(string file)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-show_streams", "-show_format", "-of", "json", file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
