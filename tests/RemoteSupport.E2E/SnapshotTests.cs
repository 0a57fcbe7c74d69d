using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// The snapshot round trip as the expert and the technician see it: the glasses capture at their camera's resolution, the
/// expert crops and draws on it, and the glasses show the result full screen until the technician dismisses it.
public sealed class SnapshotTests(CallStage stage) : IClassFixture<CallStage>, IAsyncLifetime
{
    /// The glasses' camera as the page has it: the track's settings and a photo taken independently of the app.
    private const string CameraScript = """
        async () => {
            const track = document.querySelector('[data-testid="local-video"]').srcObject.getVideoTracks()[0];
            const s = track.getSettings();
            let photo = null;
            if (typeof ImageCapture === 'function') {
                const bitmap = await createImageBitmap(await new ImageCapture(track).takePhoto());
                photo = [bitmap.width, bitmap.height];
                bitmap.close();
            }
            return { track: [s.width, s.height], photo };
        }
        """;

    /// Red pixels (as the pen draws them) of the shown image, counted inside and outside a band, and its natural size.
    private const string RedScript = """
        ([inside, band]) => {
            const img = document.querySelector('[data-testid="shown-image"]');
            const w = img.naturalWidth, h = img.naturalHeight;
            const canvas = document.createElement('canvas');
            canvas.width = w; canvas.height = h;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const data = ctx.getImageData(0, 0, w, h).data;
            const red = (x, y) => { const i = (y * w + x) * 4; return data[i] > 200 && data[i + 1] < 90 && data[i + 2] < 90; };
            // Along the stroke: for each sampled column, is there red within the band's rows?
            let hit = 0, samples = 0;
            for (let x = Math.round(inside[0] * w); x <= Math.round(inside[1] * w); x += 4) {
                samples++;
                for (let y = Math.round((inside[2] - band) * h); y <= Math.round((inside[2] + band) * h); y++) {
                    if (red(x, y)) { hit++; break; }
                }
            }
            // Everywhere well away from the stroke.
            let stray = 0;
            for (let y = 0; y < h; y++) {
                for (let x = 0; x < w; x++) {
                    const nearX = x >= (inside[0] - 0.06) * w && x <= (inside[1] + 0.06) * w;
                    const nearY = Math.abs(y / h - inside[2]) <= band + 0.06;
                    if (!(nearX && nearY) && red(x, y)) stray++;
                }
            }
            return { width: w, height: h, hit, samples, stray };
        }
        """;

    public Task InitializeAsync() => stage.EnsureIdleAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ExpertTakesSnapshot_CropsAndDraws_GlassesShowTheRedStrokeThere_EscapeDismisses()
    {
        await stage.ConnectAsync();
        await MediaStats.ExpectFlowingAsync(stage.Portal);

        var camera = await stage.Glass.EvaluateAsync<JsonElement>(CameraScript);
        var track = camera.GetProperty("track").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var full = camera.GetProperty("photo").ValueKind == JsonValueKind.Array
            ? camera.GetProperty("photo").EnumerateArray().Select(e => e.GetInt32()).ToArray()
            : track;
        Assert.True(full[0] >= track[0] && full[1] >= track[1], $"the photo ({full[0]}x{full[1]}) is at least the video's {track[0]}x{track[1]}");

        var asked = Stopwatch.StartNew();
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Snapshot", Exact = true }).ClickAsync();
        var editor = stage.Portal.GetByTestId("snapshot-editor");
        await Assertions.Expect(editor.GetByTestId("snapshot-size")).ToHaveTextAsync($"{full[0]} × {full[1]}");
        var shownAfter = asked.Elapsed;
        await Assertions.Expect(stage.Glass.GetByTestId("call-notice")).ToHaveTextAsync("Snapshot sent");
        Assert.True(shownAfter < TimeSpan.FromSeconds(5), $"the snapshot took {shownAfter.TotalSeconds:F1} s to reach the editor");

        // Crop the middle half, then draw a horizontal stroke across the crop's middle (30 % to 70 % of it).
        var canvas = editor.GetByTestId("editor-canvas");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Crop" }).ClickAsync();
        await DragAsync(canvas, (0.25, 0.25), (0.75, 0.75));
        var cropText = await editor.GetByTestId("crop-size").InnerTextAsync();
        var crop = cropText.Replace("Crop", string.Empty, StringComparison.Ordinal).Split('×')
            .Select(p => int.Parse(p.Trim(), CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(crop[0], full[0] / 2 - 3, full[0] / 2 + 3);
        Assert.InRange(crop[1], full[1] / 2 - 3, full[1] / 2 + 3);

        await editor.GetByRole(AriaRole.Button, new() { Name = "Pen" }).ClickAsync();
        await DragAsync(canvas, (0.40, 0.50), (0.60, 0.50));
        await Assertions.Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Undo" })).ToBeEnabledAsync();

        await editor.GetByRole(AriaRole.Button, new() { Name = "Send to glasses" }).ClickAsync();
        var shown = stage.Glass.GetByTestId("shown-image");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        await stage.Glass.WaitForFunctionAsync("() => document.querySelector('[data-testid=\"shown-image\"]')?.complete");
        await Assertions.Expect(editor.GetByTestId("editor-status")).ToHaveTextAsync("Shown on the glasses");

        var red = await shown.EvaluateAsync<JsonElement>($"() => ({RedScript})([[0.32, 0.68, 0.5], 0.03])");
        Assert.Equal(crop[0], red.GetProperty("width").GetInt32());
        Assert.Equal(crop[1], red.GetProperty("height").GetInt32());
        var hit = red.GetProperty("hit").GetInt32();
        var samples = red.GetProperty("samples").GetInt32();
        Assert.True(hit >= samples * 0.95, $"red along the stroke in {hit} of {samples} columns");
        Assert.Equal(0, red.GetProperty("stray").GetInt32());

        await stage.Glass.Keyboard.PressAsync("Escape");
        await Assertions.Expect(shown).ToBeHiddenAsync();
        await Assertions.Expect(editor.GetByTestId("editor-status")).ToHaveTextAsync("Closed on the glasses");
        await CallStage.ExpectStatusAsync(stage.Glass, "Connected");

        await editor.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(editor).ToBeHiddenAsync();
        await stage.HangUpAsync(stage.Portal);
    }

    [Fact]
    public async Task TechnicianTakesPhoto_ExpertsEditorOpensWithIt_ShownImageZoomsWithKeys()
    {
        await stage.ConnectAsync();
        await MediaStats.ExpectFlowingAsync(stage.Portal);

        await stage.Glass.GetByRole(AriaRole.Button, new() { Name = "Photo" }).ClickAsync();
        await Assertions.Expect(stage.Glass.GetByTestId("call-notice")).ToHaveTextAsync("Photo sent");
        var editor = stage.Portal.GetByTestId("snapshot-editor");
        await Assertions.Expect(editor.GetByTestId("snapshot-size")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ × \d+$"));

        // Sent without a crop: the glasses get the whole picture, which they can zoom and pan with keys.
        await editor.GetByRole(AriaRole.Button, new() { Name = "Send to glasses" }).ClickAsync();
        var shown = stage.Glass.GetByTestId("shown-image");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var before = await shown.BoundingBoxAsync();
        await stage.Glass.Keyboard.PressAsync("PageUp");
        await stage.Glass.Keyboard.PressAsync("+");
        await stage.Glass.Keyboard.PressAsync("ArrowRight");
        var after = await shown.BoundingBoxAsync();
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.True(after.Width > before.Width * 2, $"zoomed from {before.Width} to {after.Width} px wide");
        Assert.True(after.X + after.Width / 2 < before.X + before.Width / 2, "panned right: the image moved left");
        await Assertions.Expect(shown).ToBeVisibleAsync();

        // Enter dismisses too, and does not hang up.
        await stage.Glass.Keyboard.PressAsync("Enter");
        await Assertions.Expect(shown).ToBeHiddenAsync();
        await CallStage.ExpectStatusAsync(stage.Glass, "Connected");
        await CallStage.ExpectStatusAsync(stage.Portal, "Connected");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await stage.HangUpAsync(stage.Portal);
    }

    /// Drags from one point to another of the element, each given as fractions of its box.
    private static async Task DragAsync(ILocator element, (double X, double Y) from, (double X, double Y) to)
    {
        var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException("The canvas is not shown.");
        var mouse = element.Page.Mouse;
        await mouse.MoveAsync((float)(box.X + from.X * box.Width), (float)(box.Y + from.Y * box.Height));
        await mouse.DownAsync();
        await mouse.MoveAsync((float)(box.X + to.X * box.Width), (float)(box.Y + to.Y * box.Height), new() { Steps = 15 });
        await mouse.UpAsync();
    }
}
