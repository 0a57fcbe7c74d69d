using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RemoteSupport.E2E.Infrastructure;

/// A running server with an organisation, an expert (the admin) in the portal and a technician's paired
/// glasses — what every call test starts from. Built through the real pages.
public partial class CallStage : IAsyncLifetime
{
    public const string TechnicianName = "Tess Technician";
    public const string ExpertName = "Ada Admin";

    private readonly Dictionary<string, string> _settings;
    private readonly string _query;

    public CallStage() : this(new Dictionary<string, string> { ["Calls__RingTimeout"] = "00:00:05" }, string.Empty)
    {
    }

    protected CallStage(Dictionary<string, string> settings, string query)
    {
        _settings = settings;
        _query = query;
    }

    public ServerProcess Server { get; private set; } = null!;
    public Browser Browser { get; private set; } = null!;
    public IPage Portal { get; private set; } = null!;
    public IPage Glass { get; private set; } = null!;

    /// The server's settings, until InitializeAsync starts it.
    protected Dictionary<string, string> Settings => _settings;

    public virtual async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync(_settings);
        Browser = await Browser.LaunchAsync();
        Portal = await Browser.NewPageAsync(Server.BaseUrl);
        await PortalSteps.SetUpOrganizationAsync(Portal);
        await PortalSteps.AddUserAsync(Portal, TechnicianName, "tess@acme.test", "Technician");
        var row = Portal.GetByRole(AriaRole.Row).Filter(new() { HasText = "tess@acme.test" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Pair device" }).ClickAsync();
        var code = Digits().Replace(await Portal.GetByTestId("pairing-code").InnerTextAsync(), string.Empty);

        Glass = await Browser.NewPageAsync(Server.BaseUrl, 854, 480);
        await Glass.GotoAsync("/glass" + _query);
        await Glass.GetByLabel("Pairing code").FillAsync(code);
        await Glass.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Glass.GetByText("Waiting for calls")).ToBeVisibleAsync();
        await Glass.GotoAsync("/glass" + _query);
        await Assertions.Expect(Glass.GetByText("Waiting for calls")).ToBeVisibleAsync();
        await Portal.GotoAsync("/" + _query);
        await ExpectTechnicianStatusAsync("Online");
    }

    public Task ExpectTechnicianStatusAsync(string status) =>
        Assertions.Expect(TechnicianContact.GetByTestId("contact-status")).ToHaveTextAsync(status, new() { Timeout = 20_000 });

    public ILocator TechnicianContact => Portal.GetByTestId("contact").Filter(new() { HasText = TechnicianName });

    public async Task CallTechnicianAsync()
    {
        await TechnicianContact.GetByRole(AriaRole.Button, new() { Name = $"Call {TechnicianName}" }).ClickAsync();
        await Assertions.Expect(Glass.GetByTestId("incoming-call")).ToBeVisibleAsync();
    }

    public async Task ConnectAsync()
    {
        await CallTechnicianAsync();
        // Enter answers once Answer has the focus (it takes it as the ringing screen appears).
        await Assertions.Expect(Glass.GetByRole(AriaRole.Button, new() { Name = "Answer" })).ToBeFocusedAsync();
        await Glass.Keyboard.PressAsync("Enter");
        await ExpectStatusAsync(Portal, "Connected");
        await ExpectStatusAsync(Glass, "Connected");
    }

    public async Task HangUpAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await ExpectStatusAsync(Portal, "Call ended");
        await ExpectStatusAsync(Glass, "Call ended");
        await ExpectTechnicianStatusAsync("Online");
    }

    /// Ends whatever a failed test left behind, so the next test starts from two idle screens.
    public async Task EnsureIdleAsync()
    {
        foreach (var page in new[] { Portal, Glass })
        {
            foreach (var name in new[] { "Hang up", "Cancel", "Decline" })
            {
                var button = page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
                if (await button.IsVisibleAsync())
                {
                    await button.ClickAsync();
                }
            }
        }

        if (!await TechnicianContact.IsVisibleAsync())
        {
            await Portal.GotoAsync("/");
        }

        await ExpectTechnicianStatusAsync("Online");
    }

    public static Task ExpectStatusAsync(IPage page, string text) =>
        Assertions.Expect(page.GetByTestId("call-status")).ToHaveTextAsync(text, new() { Timeout = 20_000 });

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }

    [GeneratedRegex("[^0-9]")]
    private static partial Regex Digits();
}

/// The same stage with the server's managed coturn and both pages forced to relay-only ICE.
public sealed class RelayCallStage() : CallStage(
    new Dictionary<string, string>
    {
        ["Media__TurnMode"] = "Managed",
        ["Media__AllowLoopbackPeers"] = "true",
        ["Media__ListeningIp"] = "127.0.0.1",
        ["Media__PublicHost"] = "127.0.0.1",
        ["Media__TurnPort"] = "23478",
        ["Media__TurnTlsPort"] = "25349",
        ["Media__RelayMinPort"] = "40000",
        ["Media__RelayMaxPort"] = "40999",
    },
    "?relay=1");

/// The same stage with the managed Janus media server on, for ROUTED calls, recording and guests. Janus gathers candidates
/// on the namespace's veth pair (test.sh creates rs-media, 10.77.0.1), never on loopback.
public class RoutedCallStage() : CallStage(
    new Dictionary<string, string>
    {
        ["Calls__RingTimeout"] = "00:00:20",
        ["Janus__Mode"] = "Managed",
        ["Janus__WebSocketPort"] = "28188",
        ["Janus__RtpPortRange"] = "30000-30999",
        ["Janus__IceEnforceList"] = "rs-media",
    },
    string.Empty);

/// The routed stage with every object (recordings too) stored in an S3 bucket of a real s3rver.
public sealed class S3RoutedCallStage : RoutedCallStage
{
    public RemoteSupport.Tests.S3.S3rverProcess S3 { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        S3 = await RemoteSupport.Tests.S3.S3rverProcess.StartAsync();
        Settings["Storage__Provider"] = "S3";
        Settings["Storage__S3__Endpoint"] = S3.Endpoint;
        Settings["Storage__S3__Bucket"] = "recordings";
        Settings["Storage__S3__AccessKeyId"] = RemoteSupport.Tests.S3.S3rverProcess.AccessKeyId;
        Settings["Storage__S3__SecretAccessKey"] = RemoteSupport.Tests.S3.S3rverProcess.SecretAccessKey;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await S3.DisposeAsync();
    }
}
