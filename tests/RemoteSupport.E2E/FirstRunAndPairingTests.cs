using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// A new organisation from the first visit to glasses that wait for calls, as an admin and a technician would do it.
public sealed partial class FirstRunAndPairingTests
{
    [Fact]
    public async Task FirstRun_AdminCreatesTechnicianAndPairsGlassByCode_GlassShowsWaitingForCalls()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var portal = await browser.NewPageAsync(server.BaseUrl);

        await PortalSteps.SetUpOrganizationAsync(portal);
        await PortalSteps.AddUserAsync(portal, "Tess Technician", "tess@acme.test", "Technician");

        var row = portal.GetByRole(AriaRole.Row).Filter(new() { HasText = "tess@acme.test" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Pair device" }).ClickAsync();
        var codeText = await portal.GetByTestId("pairing-code").InnerTextAsync();
        var code = DigitsOnly().Replace(codeText, string.Empty);
        Assert.Matches("^[0-9]{6}$", code);
        await Assertions.Expect(portal.Locator("img[alt*='QR']")).ToBeVisibleAsync();

        // The glasses: RealWear-sized screen, no pointer — only keys.
        var glass = await browser.NewPageAsync(server.BaseUrl, 854, 480);
        await glass.GotoAsync("/glass");
        await glass.GetByLabel("Pairing code").FillAsync(code);
        await glass.Keyboard.PressAsync("Enter");
        await Assertions.Expect(glass.GetByText("Waiting for calls")).ToBeVisibleAsync();
        await Assertions.Expect(glass.GetByText("Tess Technician")).ToBeVisibleAsync();

        // The same code cannot pair a second device.
        var second = await browser.NewPageAsync(server.BaseUrl, 854, 480);
        await second.GotoAsync("/glass");
        await second.GetByLabel("Pairing code").FillAsync(code);
        await second.Keyboard.PressAsync("Enter");
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong, used or expired");

        // A reload keeps the pairing: the credential is an HttpOnly cookie, nothing in page storage.
        await glass.ReloadAsync();
        await Assertions.Expect(glass.GetByText("Waiting for calls")).ToBeVisibleAsync();
        var stored = await glass.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length");
        Assert.Equal(0, stored);

        // The admin revokes the device: the glasses go back to pairing with a clear message.
        await portal.GetByRole(AriaRole.Link, new() { Name = "Devices" }).ClickAsync();
        var deviceRow = portal.GetByRole(AriaRole.Row).Filter(new() { HasText = "Tess Technician" });
        await deviceRow.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await deviceRow.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke" }).ClickAsync();
        await Assertions.Expect(deviceRow).ToContainTextAsync("Revoked");

        await glass.ReloadAsync();
        await Assertions.Expect(glass.GetByRole(AriaRole.Alert)).ToContainTextAsync("unpaired");
        await Assertions.Expect(glass.GetByLabel("Pairing code")).ToBeVisibleAsync();
    }

    [GeneratedRegex("[^0-9]")]
    private static partial Regex DigitsOnly();
}
