using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.Bench;

/// A connected call for the collaboration benchmarks: the real server, the expert (org admin) in the portal and the
/// technician's paired glasses (/glass?autoanswer=1) in the same browser, both pages instrumented
/// (PageScripts.Instrumentation) before they load, the call answered and the glasses' camera playing in the portal.
internal sealed partial class CollabRig : IAsyncDisposable
{
    private const string Technician = "Tess Technician";

    private ServerProcess _server = null!;
    private Browser _browser = null!;

    public IPage Portal { get; private set; } = null!;
    public IPage Glass { get; private set; } = null!;

    public static async Task<CollabRig> StartAsync(params string[] browserArgs)
    {
        var rig = new CollabRig();
        rig._server = await ServerProcess.StartAsync();
        rig._browser = await Browser.LaunchAsync(browserArgs);

        var portal = await rig._browser.NewPageAsync(rig._server.BaseUrl);
        await portal.Context.AddInitScriptAsync(PageScripts.Instrumentation);
        await PortalSteps.SetUpOrganizationAsync(portal);
        await PortalSteps.AddUserAsync(portal, Technician, "tess@acme.test", "Technician");
        var row = portal.GetByRole(AriaRole.Row).Filter(new() { HasText = "tess@acme.test" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Pair device" }).ClickAsync();
        var code = DigitsOnly().Replace(await portal.GetByTestId("pairing-code").InnerTextAsync(), string.Empty);

        var glass = await rig._browser.NewPageAsync(rig._server.BaseUrl, 854, 480);
        await glass.Context.AddInitScriptAsync(PageScripts.Instrumentation);
        await glass.GotoAsync("/glass?autoanswer=1");
        await glass.GetByLabel("Pairing code").FillAsync(code);
        await glass.Keyboard.PressAsync("Enter");
        await Assertions.Expect(glass.GetByText("Waiting for calls")).ToBeVisibleAsync();

        await portal.GotoAsync("/");
        var contact = portal.GetByTestId("contact").Filter(new() { HasText = Technician });
        await Assertions.Expect(contact.GetByTestId("contact-status")).ToHaveTextAsync("Online");
        await contact.GetByRole(AriaRole.Button, new() { Name = $"Call {Technician}" }).ClickAsync();
        await Assertions.Expect(portal.GetByTestId("call-status")).ToHaveTextAsync("Connected", new() { Timeout = 20_000 });
        await Assertions.Expect(glass.GetByTestId("call-status")).ToHaveTextAsync("Connected", new() { Timeout = 20_000 });
        await WaitForVideoAsync(portal, "remote-video", _ => true);
        rig.Portal = portal;
        rig.Glass = glass;
        return rig;
    }

    /// Waits until <video data-testid=…> shows frames whose size passes the test; returns [width, height].
    public static async Task<int[]> WaitForVideoAsync(IPage page, string testId, Func<int[], bool> sizeOk, int timeoutMs = 20_000)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int[] size = [0, 0];
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            size = await page.EvaluateAsync<int[]>(
                "id => { const v = document.querySelector(`[data-testid=${id}]`); return v ? [v.videoWidth, v.videoHeight] : [0, 0]; }", testId);
            if (size[0] > 0 && sizeOk(size))
            {
                return size;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{testId} on {page.Url} did not reach the expected size (last {size[0]}x{size[1]})");
    }

    /// window.__benchMarks of a page, with the data some marks carry.
    public static async Task<IReadOnlyList<(Mark Mark, JsonElement Data)>> ReadMarksAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.__benchMarks.map((m) => [m.t, m.what, m.data ?? null])");
        return [.. json.EnumerateArray().Select(m => (new Mark(m[0].GetDouble(), m[1].GetString() ?? string.Empty), m[2].Clone()))];
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [GeneratedRegex("[^0-9]")]
    private static partial Regex DigitsOnly();
}
