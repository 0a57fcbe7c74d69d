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

    internal static async Task InviteBobAsync(CallStage stage, IPage bob)
    {
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
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

        await InviteBobAsync(stage, bob);

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
