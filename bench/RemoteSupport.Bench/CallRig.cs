using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.Bench;

/// A server, an organisation, the expert's portal and the technician's glasses (answering by themselves), set up through
/// the real pages — what the call benchmarks start from. With the managed Janus for the routed ones: it gathers on the
/// namespace's veth pair (bench/run.sh creates rs-media), never on loopback.
internal sealed partial class CallRig : IAsyncDisposable
{
    public const string Technician = "Tess Technician";

    private CallRig(ServerProcess server, Browser browser, IPage portal, IPage glass)
    {
        Server = server;
        Browser = browser;
        Portal = portal;
        Glass = glass;
    }

    public ServerProcess Server { get; }
    public Browser Browser { get; }
    public IPage Portal { get; }
    public IPage Glass { get; }

    public ILocator CallButton => Portal.GetByTestId("contact").Filter(new() { HasText = Technician })
        .GetByRole(AriaRole.Button, new() { Name = $"Call {Technician}" });

    public static async Task<CallRig> StartAsync(bool withJanus, params string[] browserArgs)
    {
        var server = await ServerProcess.StartAsync(withJanus
            ? new Dictionary<string, string>
            {
                ["Janus__Mode"] = "Managed",
                ["Janus__WebSocketPort"] = "28188",
                ["Janus__RtpPortRange"] = "30000-30999",
                ["Janus__IceEnforceList"] = "rs-media",
            }
            : null);
        var browser = await Browser.LaunchAsync(browserArgs);
        var portal = await browser.NewPageAsync(server.BaseUrl);
        await portal.Context.AddInitScriptAsync(PageScripts.Instrumentation);
        await PortalSteps.SetUpOrganizationAsync(portal);
        await PortalSteps.AddUserAsync(portal, Technician, "tess@acme.test", "Technician");
        var row = portal.GetByRole(AriaRole.Row).Filter(new() { HasText = "tess@acme.test" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Pair device" }).ClickAsync();
        var code = DigitsOnly().Replace(await portal.GetByTestId("pairing-code").InnerTextAsync(), string.Empty);

        var glass = await browser.NewPageAsync(server.BaseUrl, 854, 480);
        await glass.Context.AddInitScriptAsync(PageScripts.Instrumentation);
        await glass.GotoAsync("/glass?autoanswer=1");
        await glass.GetByLabel("Pairing code").FillAsync(code);
        await glass.Keyboard.PressAsync("Enter");
        await Assertions.Expect(glass.GetByText("Waiting for calls")).ToBeVisibleAsync();
        await portal.GotoAsync("/");
        var rig = new CallRig(server, browser, portal, glass);
        await Assertions.Expect(portal.GetByTestId("contact").Filter(new() { HasText = Technician }).GetByTestId("contact-status"))
            .ToHaveTextAsync("Online");
        return rig;
    }

    /// Organisation setting: new calls peer to peer or routed through Janus.
    public Task SetCallModeAsync(string mode) => Portal.EvaluateAsync("""
        async (mode) => {
          const token = await (await fetch('/api/antiforgery')).json();
          const r = await fetch('/api/organization/settings', {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json', [token.headerName]: token.requestToken },
            body: JSON.stringify({ callMode: mode }),
          });
          if (!r.ok) throw new Error('settings: ' + r.status);
        }
        """, mode);

    public async Task HangUpAsync()
    {
        await Portal.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await Assertions.Expect(Glass.GetByText("Waiting for calls")).ToBeVisibleAsync();
        await Assertions.Expect(Portal.GetByTestId("remote-video")).ToHaveCountAsync(0);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }

    [GeneratedRegex("[^0-9]")]
    private static partial Regex DigitsOnly();
}
