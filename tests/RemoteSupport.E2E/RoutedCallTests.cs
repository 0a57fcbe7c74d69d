using System.Diagnostics;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// Calls through the Janus media server: a third participant moves a peer-to-peer call there, everyone sees the
/// technician and hears the others, the pointer and snapshots keep working, and Janus dying mid-call heals.
public sealed class RoutedCallTests(RoutedCallStage stage) : IClassFixture<RoutedCallStage>, IAsyncLifetime
{
    private const string BobName = "Bob Expert";
    private const string BobPassword = "copper kettle under midnight rain";
    private static IPage? _bob;

    public async Task InitializeAsync()
    {
        _bob ??= await SignInSecondExpertAsync(stage);
        await stage.EnsureIdleAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal static async Task<IPage> SignInSecondExpertAsync(CallStage stage)
    {
        const string temporary = "temporary orchard lantern 42";
        await PortalSteps.AddUserAsync(stage.Portal, BobName, "bob@acme.test", "Expert", temporary);
        await stage.Portal.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        var bob = await stage.Browser.NewPageAsync(stage.Server.BaseUrl);
        await PortalSteps.SignInAsync(bob, "bob@acme.test", temporary);
        await bob.GetByLabel("Current password").FillAsync(temporary);
        await bob.GetByLabel("New password", new() { Exact = true }).FillAsync(BobPassword);
        await bob.GetByLabel("Confirm new password").FillAsync(BobPassword);
        await bob.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(bob.GetByTestId("contact").First).ToBeVisibleAsync();
        return bob;
    }

    internal static async Task InviteBobAsync(CallStage stage, IPage bob, bool openPanel = true)
    {
        if (openPanel)
        {
            await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        }

        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = $"Invite {BobName}" }).ClickAsync();
        await Assertions.Expect(bob.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();
        await CallStage.ExpectStatusAsync(bob, "Connected");
    }

    [Fact]
    public async Task ThirdParticipantJoins_CallMovesToTheMediaServer_EveryoneSeesTheTechnicianAndHearsTheOthers()
    {
        var bob = _bob!;
        foreach (var page in new[] { stage.Portal, bob, stage.Glass })
        {
            page.Console += (_, m) => Console.WriteLine($"[{page.Url}] {m.Type}: {m.Text}");
        }

        await stage.ConnectAsync();
        await MediaStats.ExpectFlowingAsync(stage.Portal);
        Assert.Equal(1, await ConnectionCountAsync(stage.Portal));

        // Bob declines first: Ada hears it, and the call stays as it was.
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = $"Invite {BobName}" }).ClickAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await Assertions.Expect(stage.Portal.GetByTestId("invitation-notice")).ToHaveTextAsync($"{BobName} declined.");
        Assert.Equal(1, await ConnectionCountAsync(stage.Portal));

        await InviteBobAsync(stage, bob, openPanel: false);

        foreach (var page in new[] { stage.Portal, bob, stage.Glass })
        {
            await Assertions.Expect(page.GetByTestId("participants")).ToContainTextAsync(BobName, new() { Timeout = 20_000 });
        }

        await Assertions.Expect(stage.Portal.GetByTestId("participants")).ToContainTextAsync(CallStage.TechnicianName);
        // Routed: one publishing connection plus one receiving connection per other participant.
        try
        {
            await WaitForAsync(async () => await ConnectionCountAsync(stage.Portal) == 3, "the portal to publish and receive two streams");
        }
        catch
        {
            Console.WriteLine(string.Join('\n', stage.Server.Output.Split('\n').Where(l => l.Contains("Janus", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Call", StringComparison.Ordinal) || l.Contains("rror", StringComparison.Ordinal)).TakeLast(80)));
            throw;
        }
        await WaitForAsync(async () => await ConnectionCountAsync(bob) == 3, "Bob to publish and receive two streams");
        await MediaStats.ExpectFlowingAsync(stage.Portal, within: TimeSpan.FromSeconds(30));
        await MediaStats.ExpectFlowingAsync(bob, within: TimeSpan.FromSeconds(30));
        // The technician receives both experts' voices (they share no webcam).
        await MediaStats.ExpectFlowingAsync(stage.Glass, video: false, within: TimeSpan.FromSeconds(30));
        await Assertions.Expect(bob.GetByTestId("remote-video")).ToHaveJSPropertyAsync("readyState", 4);

        // The pointer of the invited expert reaches the glasses.
        var bobVideo = bob.GetByTestId("remote-video");
        var box = (await bobVideo.BoundingBoxAsync())!;
        await bob.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await Assertions.Expect(stage.Glass.GetByTestId("pointer-dot")).ToBeVisibleAsync();

        // So does a snapshot request; the still opens in Bob's editor.
        await bob.GetByRole(AriaRole.Button, new() { Name = "Snapshot", Exact = true }).ClickAsync();
        var editor = bob.GetByTestId("snapshot-editor");
        await Assertions.Expect(editor.GetByTestId("snapshot-size")).ToContainTextAsync("×", new() { Timeout = 20_000 });
        await editor.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();

        // Bob leaves: the call goes on between the other two.
        await bob.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await Assertions.Expect(stage.Portal.GetByTestId("participants")).Not.ToContainTextAsync(BobName);
        await MediaStats.ExpectFlowingAsync(stage.Portal);
        await stage.HangUpAsync(stage.Portal);
    }

    [Fact]
    public async Task FourPeopleWithAGuest_EveryoneDecodesTheTechnicianAndHearsTheOthers_TheLinkWorksOnce()
    {
        await stage.ConnectAsync();
        await InviteBobAsync(stage, _bob!);
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Invite guest" }).ClickAsync();
        var link = await stage.Portal.GetByLabel("Invitation link (shown once)").InputValueAsync();
        Assert.Contains("/join#", link, StringComparison.Ordinal);

        var guest = await stage.Browser.NewPageAsync(stage.Server.BaseUrl);
        await JoinAsGuestAsync(guest, link, "Gina Guest");
        foreach (var page in new[] { stage.Portal, _bob!, stage.Glass, guest })
        {
            await Assertions.Expect(page.GetByTestId("participants")).ToContainTextAsync("Gina Guest", new() { Timeout = 20_000 });
        }

        await Assertions.Expect(guest.GetByTestId("participants")).ToContainTextAsync(CallStage.TechnicianName);
        // Everyone receives the technician's picture (the guest's and the experts' webcams too) and the others' voices.
        foreach (var page in new[] { guest, stage.Portal, _bob! })
        {
            await WaitForAsync(async () => await ConnectionCountAsync(page) == 4, $"{page.Url} to publish and receive three streams");
            await MediaStats.ExpectFlowingAsync(page, within: TimeSpan.FromSeconds(30));
        }

        await MediaStats.ExpectFlowingAsync(stage.Glass, within: TimeSpan.FromSeconds(30));
        await Assertions.Expect(guest.GetByTestId("remote-video")).ToHaveJSPropertyAsync("readyState", 4);
        await Assertions.Expect(guest.GetByRole(AriaRole.Button, new() { Name = "Record" })).ToHaveCountAsync(0);

        // The link was for one guest: a second use is refused with the reason.
        var second = await stage.Browser.NewPageAsync(stage.Server.BaseUrl);
        await second.GotoAsync(link);
        await second.GetByLabel("Your name").FillAsync("Gate Crasher");
        await second.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Join session" }).ClickAsync();
        await Assertions.Expect(second.GetByText("already used")).ToBeVisibleAsync();
        await Assertions.Expect(stage.Portal.GetByTestId("participants")).Not.ToContainTextAsync("Gate Crasher");

        await guest.GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await Assertions.Expect(stage.Portal.GetByTestId("participants")).Not.ToContainTextAsync("Gina Guest");
        await _bob!.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await stage.HangUpAsync(stage.Portal);

        // The session record says who else took part.
        await stage.Portal.GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }).ClickAsync();
        await stage.Portal.GetByTestId("call-history").Locator("tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(stage.Portal.GetByTestId("session-others")).ToHaveTextAsync($"{BobName}, Gina Guest (guest)");
        await stage.Portal.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
    }

    internal static async Task JoinAsGuestAsync(IPage guest, string link, string name)
    {
        await guest.GotoAsync(link);
        await guest.GetByLabel("Your name").FillAsync(name);
        await guest.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(guest.GetByRole(AriaRole.Heading, new() { Name = "Check your camera and microphone" })).ToBeVisibleAsync();
        await guest.GetByRole(AriaRole.Button, new() { Name = "Join session" }).ClickAsync();
        await CallStage.ExpectStatusAsync(guest, "Connected");
    }

    [Fact]
    public async Task TechnicianReloadsInARoutedCall_PublishesAgain_AndEveryoneSeesAndHearsThemAgain()
    {
        await stage.ConnectAsync();
        await InviteBobAsync(stage, _bob!);
        await WaitForAsync(async () => await ConnectionCountAsync(stage.Portal) == 3, "the portal to publish and receive two streams");
        await MediaStats.ExpectFlowingAsync(stage.Portal, within: TimeSpan.FromSeconds(30));

        await stage.Glass.ReloadAsync();

        await CallStage.ExpectStatusAsync(stage.Glass, "Connected");
        await Assertions.Expect(stage.Glass.GetByTestId("participants")).ToContainTextAsync(BobName);
        // The old stream ended and the new one is offered: three connections again, and media on them.
        await WaitForAsync(async () => await ConnectionCountAsync(stage.Portal) == 3, "the portal to receive the technician again");
        await Task.Delay(TimeSpan.FromSeconds(1));
        foreach (var page in new[] { stage.Portal, _bob! })
        {
            await MediaStats.ExpectFlowingAsync(page, within: TimeSpan.FromSeconds(30));
        }

        await MediaStats.ExpectFlowingAsync(stage.Glass, video: false, within: TimeSpan.FromSeconds(30));
        await _bob!.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await stage.HangUpAsync(stage.Portal);
    }

    [Fact]
    public async Task JanusKilledMidCall_SupervisorRestartsIt_AndMediaFlowsAgain()
    {
        await stage.ConnectAsync();
        await InviteBobAsync(stage, _bob!);
        await MediaStats.ExpectFlowingAsync(stage.Portal, within: TimeSpan.FromSeconds(30));

        var janus = Process.GetProcessesByName("janus").Single();
        janus.Kill();
        await janus.WaitForExitAsync();

        await WaitForAsync(() => Task.FromResult(Process.GetProcessesByName("janus").Length == 1), "the supervisor to start Janus again");
        await MediaStats.ExpectFlowingAsync(stage.Portal, within: TimeSpan.FromSeconds(40));
        await MediaStats.ExpectFlowingAsync(_bob!, within: TimeSpan.FromSeconds(40));
        await MediaStats.ExpectFlowingAsync(stage.Glass, video: false, within: TimeSpan.FromSeconds(40));
        await _bob!.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await stage.HangUpAsync(stage.Portal);
    }

    internal static Task<int> ConnectionCountAsync(IPage page) =>
        page.EvaluateAsync<int>("() => window.__rsCall?.pcs?.().length ?? 0");

    internal static async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}.");
    }
}
