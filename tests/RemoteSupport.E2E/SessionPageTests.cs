using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// The session record: after a call, the portal's session page has the call's photo (thumbnail, full view, download) and
/// its chat. That another organisation cannot see it is covered by the integration tests.
public sealed partial class SessionPageTests(CallStage stage) : IClassFixture<CallStage>, IAsyncLifetime
{
    /// The image has loaded and decoded to a real picture.
    private const string LoadedScript = "img => img.complete && img.naturalWidth > 0 && img.naturalHeight > 0";

    public Task InitializeAsync() => stage.EnsureIdleAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AfterACall_TheSessionPageShowsThePhotoAndTheChat_AndOpensTheFullView()
    {
        const string text = "Loosen the <i>left</i> bolt first";
        await stage.ConnectAsync();

        await stage.Portal.GetByLabel("Message").FillAsync(text);
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(stage.Glass.GetByTestId("chat-messages")).ToContainTextAsync(text);

        await stage.Glass.GetByRole(AriaRole.Button, new() { Name = "Photo" }).ClickAsync();
        await Assertions.Expect(stage.Glass.GetByTestId("call-notice")).ToHaveTextAsync("Photo sent");
        var editor = stage.Portal.GetByTestId("snapshot-editor");
        await Assertions.Expect(editor.GetByTestId("snapshot-size")).ToHaveTextAsync(new Regex(@"^\d+ × \d+$"));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(editor).ToBeHiddenAsync();
        await stage.HangUpAsync(stage.Portal);

        // Calls → the call (its start time links to its session page).
        await stage.Portal.GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }).ClickAsync();
        var row = stage.Portal.GetByTestId("call-history").Locator("tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync(CallStage.TechnicianName);
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(stage.Portal).ToHaveURLAsync(SessionUrl());
        await Assertions.Expect(stage.Portal.GetByRole(AriaRole.Heading, new() { Name = "Session", Exact = true })).ToBeVisibleAsync();
        var summary = stage.Portal.GetByTestId("session-summary");
        await Assertions.Expect(summary).ToContainTextAsync(CallStage.ExpertName);
        await Assertions.Expect(summary).ToContainTextAsync(CallStage.TechnicianName);
        await Assertions.Expect(summary).ToContainTextAsync("Completed");

        // The photo's thumbnail, loaded with the session cookie.
        var thumbnail = stage.Portal.GetByTestId("thumbnail");
        await Assertions.Expect(thumbnail).ToHaveCountAsync(1);
        await Assertions.Expect(stage.Portal.GetByTestId("gallery-item")).ToContainTextAsync("Photo");
        await stage.Portal.WaitForFunctionAsync($"() => ({LoadedScript})(document.querySelector('[data-testid=\"thumbnail\"]'))");
        var thumbSize = await thumbnail.EvaluateAsync<int[]>("img => [img.naturalWidth, img.naturalHeight]");
        Assert.InRange(Math.Max(thumbSize[0], thumbSize[1]), 1, 320);

        // The chat, as literal text with its sender.
        var chat = stage.Portal.GetByTestId("session-chat");
        await Assertions.Expect(chat.GetByTestId("transcript-message")).ToHaveCountAsync(1);
        await Assertions.Expect(chat).ToContainTextAsync(text);
        await Assertions.Expect(chat).ToContainTextAsync(CallStage.ExpertName);
        await Assertions.Expect(chat.Locator("i")).ToHaveCountAsync(0);

        // The full view: the whole picture, a download of it, and Escape closes.
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "View photo" }).ClickAsync();
        var viewer = stage.Portal.GetByTestId("image-viewer");
        await Assertions.Expect(viewer).ToBeVisibleAsync();
        await stage.Portal.WaitForFunctionAsync($"() => ({LoadedScript})(document.querySelector('[data-testid=\"full-image\"]'))");
        var fullSize = await viewer.GetByTestId("full-image").EvaluateAsync<int[]>("img => [img.naturalWidth, img.naturalHeight]");
        Assert.True(fullSize[0] > thumbSize[0], $"the full image ({fullSize[0]} px wide) is larger than its thumbnail ({thumbSize[0]} px)");

        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Close" })).ToBeFocusedAsync();
        var download = await stage.Portal.RunAndWaitForDownloadAsync(() =>
            viewer.GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());
        Assert.Matches(@"^photo\.(jpg|png|webp)$", download.SuggestedFilename);
        var saved = await download.PathAsync();
        Assert.True(new FileInfo(saved).Length > 1000, "the download has the image's bytes");

        await stage.Portal.Keyboard.PressAsync("Escape");
        await Assertions.Expect(viewer).ToBeHiddenAsync();

        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "View photo" }).ClickAsync();
        await Assertions.Expect(viewer).ToBeVisibleAsync();
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(viewer).ToBeHiddenAsync();

        // A call that is not there (or not this organisation's) is "not found".
        await stage.Portal.GotoAsync($"/calls/{Guid.NewGuid()}");
        await Assertions.Expect(stage.Portal.GetByTestId("session-not-found")).ToHaveTextAsync("This session was not found.");
        await stage.Portal.GotoAsync("/");
    }

    [GeneratedRegex(@"/calls/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex SessionUrl();
}
