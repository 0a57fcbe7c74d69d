using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// Documents on the glasses: the expert uploads a PDF to the call and shows it; the glasses render it page by page with
/// pdf.js, the technician and the expert both turn its pages, and Close returns the glasses to the camera.
public sealed class DocumentTests(CallStage stage) : IClassFixture<CallStage>, IAsyncLifetime
{
    /// The colour at the middle of the rendered page and the share of its pixels that are not white.
    private const string CanvasScript = """
        canvas => {
            const ctx = canvas.getContext('2d');
            const { width: w, height: h } = canvas;
            const data = ctx.getImageData(0, 0, w, h).data;
            let ink = 0;
            for (let i = 0; i < data.length; i += 4) {
                if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) ink++;
            }
            const c = (Math.floor(h / 2) * w + Math.floor(w / 2)) * 4;
            return { ink: ink / (w * h), middle: [data[c], data[c + 1], data[c + 2]] };
        }
        """;

    /// Each page is filled (but for a white margin) with its own colour: red, green, blue.
    private static readonly (string Name, string Fill, int[] Rgb)[] Pages =
    [
        ("red", "1 0 0", [255, 0, 0]),
        ("green", "0 0.6 0", [0, 153, 0]),
        ("blue", "0 0 1", [0, 0, 255]),
    ];

    public Task InitializeAsync() => stage.EnsureIdleAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ExpertShowsPdf_GlassesAndExpertTurnPages_CloseReturnsToTheCamera()
    {
        // pdf.js must run under the CSP, with its worker from our origin (not the main-thread fallback).
        var console = new List<string>();
        void Record(object? sender, IConsoleMessage message) => console.Add($"{message.Type}: {message.Text}");
        stage.Glass.Console += Record;
        await stage.ConnectAsync();

        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Documents", Exact = true }).ClickAsync();
        await stage.Portal.GetByLabel("Upload document").SetInputFilesAsync(new FilePayload
        {
            Name = "Pump manual.pdf",
            MimeType = "application/pdf",
            Buffer = ThreePagePdf(),
        });
        var item = stage.Portal.GetByTestId("call-documents").GetByTestId("document-item").Filter(new() { HasText = "Pump manual.pdf" });
        await item.GetByRole(AriaRole.Button, new() { Name = "Show on glasses" }).ClickAsync();

        var viewer = stage.Glass.GetByTestId("document-viewer");
        await Assertions.Expect(viewer).ToBeVisibleAsync();
        var canvas = viewer.GetByTestId("document-canvas");
        var pageOnPortal = stage.Portal.GetByTestId("document-page");
        await ExpectPageAsync(canvas, 1);
        await Assertions.Expect(pageOnPortal).ToHaveTextAsync("Page 1 of 3");

        // The technician turns the page with the D-pad; the expert sees where they are.
        await stage.Glass.Keyboard.PressAsync("ArrowRight");
        await ExpectPageAsync(canvas, 2);
        await Assertions.Expect(pageOnPortal).ToHaveTextAsync("Page 2 of 3");

        // The expert turns it for them.
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await ExpectPageAsync(canvas, 3);
        await Assertions.Expect(pageOnPortal).ToHaveTextAsync("Page 3 of 3");
        await Assertions.Expect(stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();

        // Zoom by voice word (the button label): the page is drawn larger.
        var before = await canvas.BoundingBoxAsync();
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-zoom", "1.5");
        await ExpectPageAsync(canvas, 3);
        var after = await canvas.BoundingBoxAsync();
        Assert.True(after!.Width > before!.Width * 1.4, $"zoomed from {before.Width} to {after.Width} px wide");

        // Close on the glasses: back to the camera, and the expert's controls go.
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Assertions.Expect(viewer).ToBeHiddenAsync();
        await Assertions.Expect(stage.Glass.GetByTestId("local-video")).ToBeVisibleAsync();
        await Assertions.Expect(pageOnPortal).ToBeHiddenAsync();
        await CallStage.ExpectStatusAsync(stage.Glass, "Connected");

        // Shown again, the expert takes it down.
        await item.GetByRole(AriaRole.Button, new() { Name = "Show on glasses" }).ClickAsync();
        await ExpectPageAsync(canvas, 1);
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Close on glasses" }).ClickAsync();
        await Assertions.Expect(viewer).ToBeHiddenAsync();
        await CallStage.ExpectStatusAsync(stage.Glass, "Connected");
        await stage.HangUpAsync(stage.Portal);
        stage.Glass.Console -= Record;
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || m.Contains("fake worker", StringComparison.OrdinalIgnoreCase));
    }

    /// The canvas shows the page, drawn in that page's colour.
    private static async Task ExpectPageAsync(ILocator canvas, int page)
    {
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-page", page.ToString(CultureInfo.InvariantCulture));
        var drawn = await canvas.EvaluateAsync<JsonElement>(CanvasScript);
        var ink = drawn.GetProperty("ink").GetDouble();
        Assert.True(ink > 0.5, $"page {page}: {ink:P0} of the pixels are drawn");
        var middle = drawn.GetProperty("middle").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var expected = Pages[page - 1];
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(middle[i] - expected.Rgb[i]) <= 40, $"page {page} is {expected.Name} in the middle, not rgb({string.Join(", ", middle)})");
        }
    }

    /// A minimal valid PDF, written by hand: three 400 × 300 pages, each a filled rectangle of its own colour.
    private static byte[] ThreePagePdf()
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 5 0 R 7 0 R] /Count 3 >>",
        };
        for (var i = 0; i < Pages.Length; i++)
        {
            var content = $"{Pages[i].Fill} rg\n20 20 360 260 re\nf\n";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Resources << >> /Contents {4 + 2 * i} 0 R >>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}endstream");
        }

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
