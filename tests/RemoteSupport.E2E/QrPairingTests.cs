using System.Diagnostics;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// Glasses pair by looking at the QR code on the admin's screen: the glasses' camera here is a video file
/// made from a screenshot of that QR code.
public sealed class QrPairingTests
{
    [Fact]
    public async Task Glass_ScansThePortalsQrCodeWithItsCamera_IsPairedAndWaitsForCalls()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var portal = await browser.NewPageAsync(server.BaseUrl);
        await PortalSteps.SetUpOrganizationAsync(portal);
        await PortalSteps.AddUserAsync(portal, "Quinn Technician", "quinn@acme.test", "Technician");
        await portal.GetByRole(AriaRole.Row).Filter(new() { HasText = "quinn@acme.test" })
            .GetByRole(AriaRole.Button, new() { Name = "Pair device" }).ClickAsync();

        var folder = Directory.CreateTempSubdirectory("rs-qr-").FullName;
        try
        {
            var png = Path.Combine(folder, "qr.png");
            await portal.GetByRole(AriaRole.Img, new() { Name = "Pairing QR code" }).ScreenshotAsync(new() { Path = png });
            var camera = Path.Combine(folder, "qr.y4m");
            await ToCameraVideoAsync(png, camera);

            await using var glasses = await Browser.LaunchAsync($"--use-file-for-fake-video-capture={camera}");
            var glass = await glasses.NewPageAsync(server.BaseUrl, 854, 480);
            await glass.GotoAsync("/glass");
            await glass.GetByRole(AriaRole.Button, new() { Name = "Scan" }).FocusAsync();
            await glass.Keyboard.PressAsync("Enter");

            await Assertions.Expect(glass.GetByText("Waiting for calls")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(glass.GetByText("Quinn Technician")).ToBeVisibleAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// A 640x480 Y4M clip of the picture on a white background, which Chromium loops as its fake camera.
    private static async Task ToCameraVideoAsync(string png, string y4m)
    {
        var ffmpeg = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "-y", "-loglevel", "error", "-loop", "1", "-i", png,
            "-vf", "scale=400:400:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p",
            "-frames:v", "30", "-f", "yuv4mpegpipe", y4m,
        })
        {
            ffmpeg.ArgumentList.Add(arg);
        }

        using var process = Process.Start(ffmpeg)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ffmpeg failed: {errors}");
    }
}
