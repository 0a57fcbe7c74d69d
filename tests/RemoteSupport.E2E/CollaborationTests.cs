using System.Diagnostics;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// The red pointer and the chat, as the expert and the technician see them. A stage of its own, so the
/// portal can have a window shape unlike the glasses' 854x480.
public sealed class CollaborationTests(CallStage stage) : IClassFixture<CallStage>, IAsyncLifetime
{
    private const string FrameScript = """
        el => {
            const r = el.getBoundingClientRect();
            const fit = getComputedStyle(el).objectFit;
            const s = fit === 'cover'
                ? Math.max(r.width / el.videoWidth, r.height / el.videoHeight)
                : Math.min(r.width / el.videoWidth, r.height / el.videoHeight);
            const w = el.videoWidth * s, h = el.videoHeight * s;
            return [r.left + (r.width - w) / 2, r.top + (r.height - h) / 2, w, h, el.videoWidth / el.videoHeight];
        }
        """;

    public async Task InitializeAsync()
    {
        // A tall, narrow desk browser: its picture of the technician's camera has bars where the glasses' has none.
        await stage.Portal.SetViewportSizeAsync(1000, 900);
        await stage.EnsureIdleAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ExpertClicksTechniciansVideo_GlassesDrawTheDotAtTheSamePlaceOfTheFrame_ThenItFades()
    {
        await stage.ConnectAsync();
        await MediaStats.ExpectFlowingAsync(stage.Portal);

        // 480p is 4:3: pillarboxed on the 854x480 glasses, letterboxed differently in the portal.
        var glassVideo = stage.Glass.GetByTestId("local-video");
        var portalVideo = stage.Portal.GetByTestId("remote-video");
        for (var i = 0; i < 2; i++)
        {
            await stage.Glass.GetByRole(AriaRole.Button, new() { Name = "Quality" }).ClickAsync();
        }

        await Assertions.Expect(stage.Glass.GetByText("Quality: 480p")).ToBeVisibleAsync();
        await WaitForAsync(async () => Math.Abs((await FrameAsync(glassVideo))[4] - 4 / 3.0) < 0.01, "the glasses' camera to be 4:3");
        await WaitForAsync(async () => Math.Abs((await FrameAsync(portalVideo))[4] - 4 / 3.0) < 0.01, "the portal's picture to be 4:3");

        var portalFrame = await FrameAsync(portalVideo);
        var glassFrame = await FrameAsync(glassVideo);
        Assert.True(Math.Abs(portalFrame[2] / portalFrame[3] - glassFrame[2] / glassFrame[3]) < 0.01);
        Assert.NotEqual(Math.Round(portalFrame[2]), Math.Round(glassFrame[2]));

        await ClickAtAsync(portalVideo, 0.25, 0.75);
        await ExpectDotAtAsync(glassVideo, 0.25, 0.75);
        await Assertions.Expect(stage.Portal.GetByTestId("own-pointer")).ToBeVisibleAsync();

        // A drag: the dot follows, and the last position wins.
        var mouse = stage.Portal.Mouse;
        var (fromX, fromY) = await PointAsync(portalVideo, 0.3, 0.3);
        await mouse.MoveAsync(fromX, fromY);
        await mouse.DownAsync();
        var (toX, toY) = await PointAsync(portalVideo, 0.6, 0.4);
        await mouse.MoveAsync(toX, toY, new() { Steps = 20 });
        await mouse.UpAsync();
        var lastMove = Stopwatch.StartNew();
        await ExpectDotAtAsync(glassVideo, 0.6, 0.4);

        // 3 s after the last move the dot is gone.
        var dot = stage.Glass.GetByTestId("pointer-dot");
        var wait = TimeSpan.FromSeconds(1.5) - lastMove.Elapsed;
        await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        await Assertions.Expect(dot).ToBeVisibleAsync();
        await Assertions.Expect(dot).ToBeHiddenAsync(new() { Timeout = 4_000 });
        Assert.InRange(lastMove.Elapsed.TotalSeconds, 2.5, 5);

        await stage.HangUpAsync(stage.Portal);
    }

    [Fact]
    public async Task ExpertSendsChat_GlassesShowTheLiteralText_AndThePortalKeepsItAfterAReload()
    {
        const string text = "Check the valve <b>now</b>";
        await stage.ConnectAsync();

        await stage.Portal.GetByLabel("Message").FillAsync(text);
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var glassChat = stage.Glass.GetByTestId("chat-messages");
        await Assertions.Expect(glassChat).ToContainTextAsync(text);
        await Assertions.Expect(glassChat.Locator("b")).ToHaveCountAsync(0);
        var portalChat = stage.Portal.GetByTestId("chat-list");
        await Assertions.Expect(portalChat.GetByTestId("chat-message")).ToHaveCountAsync(1);
        await Assertions.Expect(portalChat).ToContainTextAsync(text);
        await Assertions.Expect(portalChat.Locator("b")).ToHaveCountAsync(0);
        await Assertions.Expect(stage.Portal.GetByLabel("Message")).ToHaveValueAsync(string.Empty);

        await stage.Portal.ReloadAsync();
        await CallStage.ExpectStatusAsync(stage.Portal, "Connected");
        await Assertions.Expect(stage.Portal.GetByTestId("chat-list")).ToContainTextAsync(text);
        await Assertions.Expect(stage.Portal.GetByTestId("chat-message")).ToHaveCountAsync(1);

        await stage.HangUpAsync(stage.Portal);
    }

    [Fact]
    public async Task TechnicianRepliesFromTheGlasses_ThePortalAndTheGlassesShowTheLiteralText()
    {
        const string text = "Valve closed <i>ok</i>";
        await stage.ConnectAsync();
        var glass = stage.Glass;

        // The D-pad's Enter on the bar's Message button; dictation or a keyboard types into the field.
        var messageButton = glass.GetByRole(AriaRole.Button, new() { Name = "Message", Exact = true });
        await messageButton.PressAsync("Enter");
        var field = glass.GetByLabel("Message", new() { Exact = true });
        await Assertions.Expect(field).ToBeFocusedAsync();
        await glass.Keyboard.TypeAsync(text);
        await glass.Keyboard.PressAsync("Enter");

        await Assertions.Expect(field).ToHaveCountAsync(0);
        await Assertions.Expect(messageButton).ToBeFocusedAsync();

        var portalMessage = stage.Portal.GetByTestId("chat-list").GetByTestId("chat-message");
        await Assertions.Expect(portalMessage).ToHaveCountAsync(1);
        await Assertions.Expect(portalMessage.Locator(".chat-text")).ToHaveTextAsync(text);
        await Assertions.Expect(portalMessage).ToContainTextAsync(CallStage.TechnicianName);
        await Assertions.Expect(portalMessage.Locator("i")).ToHaveCountAsync(0);

        var glassChat = glass.GetByTestId("chat-messages");
        await Assertions.Expect(glassChat.Locator("li")).ToHaveCountAsync(1);
        await Assertions.Expect(glassChat.Locator(".chat-text")).ToHaveTextAsync(text);
        await Assertions.Expect(glassChat).ToContainTextAsync(CallStage.TechnicianName);
        await Assertions.Expect(glassChat.Locator("i")).ToHaveCountAsync(0);

        await stage.HangUpAsync(stage.Portal);
    }

    private static Task<double[]> FrameAsync(ILocator video) => video.EvaluateAsync<double[]>(FrameScript);

    /// A point of the video frame in page coordinates, measured just before use (the layout can move).
    private static async Task<(float X, float Y)> PointAsync(ILocator video, double x, double y)
    {
        var frame = await FrameAsync(video);
        return ((float)(frame[0] + x * frame[2]), (float)(frame[1] + y * frame[3]));
    }

    private static async Task ClickAtAsync(ILocator video, double x, double y)
    {
        var (px, py) = await PointAsync(video, x, y);
        await video.Page.Mouse.ClickAsync(px, py);
    }

    /// The dot's centre is at (x, y) of the glasses' own preview frame, within a few pixels.
    private static async Task ExpectDotAtAsync(ILocator glassVideo, double x, double y)
    {
        var dot = glassVideo.Page.GetByTestId("pointer-dot");
        await Assertions.Expect(dot).ToBeVisibleAsync();
        double dx = 0, dy = 0;
        await WaitForAsync(async () =>
        {
            var frame = await FrameAsync(glassVideo);
            LocatorBoundingBoxResult? box;
            try
            {
                box = await dot.BoundingBoxAsync(new() { Timeout = 500 });
            }
            catch (TimeoutException)
            {
                box = null;
            }

            if (box is null)
            {
                return false;
            }

            dx = box.X + box.Width / 2 - (frame[0] + x * frame[2]);
            dy = box.Y + box.Height / 2 - (frame[1] + y * frame[3]);
            return Math.Abs(dx) <= 3 && Math.Abs(dy) <= 3;
        }, () => $"the dot at ({x}, {y}) of the glasses' frame (last miss {dx:F1}, {dy:F1} px)");
    }

    private static Task WaitForAsync(Func<Task<bool>> condition, string what) => WaitForAsync(condition, () => what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Timed out waiting for {what()}.");
    }
}
