using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// Calls between the portal and the glasses, as the expert and the technician make them.
/// The tests share one stage and each leaves it idle; the ring timeout is 5 s so "missed" is quick.
public sealed class CallTests(CallStage stage) : IClassFixture<CallStage>, IAsyncLifetime
{
    public Task InitializeAsync() => stage.EnsureIdleAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ExpertCallsTechnician_Answered_BothSeeAndHearEachOther()
    {
        await stage.CallTechnicianAsync();
        await CallStage.ExpectStatusAsync(stage.Portal, "Ringing…");
        await Assertions.Expect(stage.Glass.GetByTestId("caller-name")).ToContainTextAsync(CallStage.ExpertName);

        // The glasses answer with one key: Answer has the focus.
        await stage.Glass.Keyboard.PressAsync("Enter");
        await CallStage.ExpectStatusAsync(stage.Portal, "Connected");
        await stage.ExpectTechnicianStatusAsync("Busy");

        // The expert sees the technician's camera and hears them; the glasses hear the expert.
        await MediaStats.ExpectFlowingAsync(stage.Portal);
        await MediaStats.ExpectFlowingAsync(stage.Glass, video: false);
        var video = stage.Portal.GetByTestId("remote-video");
        Assert.True(await video.EvaluateAsync<int>("v => v.videoWidth") > 0);

        // The expert shares their webcam: now the glasses decode video too.
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Share webcam" }).ClickAsync();
        await MediaStats.ExpectFlowingAsync(stage.Glass, video: true);
        await Assertions.Expect(stage.Glass.GetByTestId("remote-video")).ToBeVisibleAsync();

        await stage.HangUpAsync(stage.Portal);
    }

    [Fact]
    public async Task TechnicianCallsFirstAvailableExpert_ExpertAnswers_MediaFlows()
    {
        await stage.Glass.GetByRole(AriaRole.Button, new() { Name = "Call expert" }).ClickAsync();
        await Assertions.Expect(stage.Portal.GetByTestId("incoming-call")).ToBeVisibleAsync();
        await Assertions.Expect(stage.Portal.GetByTestId("caller-name")).ToContainTextAsync(CallStage.TechnicianName);
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();
        await CallStage.ExpectStatusAsync(stage.Glass, "Connected");
        await MediaStats.ExpectFlowingAsync(stage.Portal);
        await stage.HangUpAsync(stage.Glass);
    }

    [Fact]
    public async Task TechnicianDeclines_ExpertSeesDeclined()
    {
        await stage.CallTechnicianAsync();
        await stage.Glass.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await CallStage.ExpectStatusAsync(stage.Portal, "Declined");
        await stage.ExpectTechnicianStatusAsync("Online");
    }

    [Fact]
    public async Task ExpertCancels_GlassesStopRinging()
    {
        await stage.CallTechnicianAsync();
        await stage.Portal.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(stage.Glass.GetByTestId("incoming-call")).ToBeHiddenAsync();
        await Assertions.Expect(stage.Glass.GetByText("Waiting for calls")).ToBeVisibleAsync();
        await CallStage.ExpectStatusAsync(stage.Portal, "Cancelled");
    }

    [Fact]
    public async Task NobodyAnswers_BothSeeAMissedCall()
    {
        await stage.CallTechnicianAsync();
        await CallStage.ExpectStatusAsync(stage.Portal, "No answer");
        await Assertions.Expect(stage.Glass.GetByTestId("incoming-call")).ToBeHiddenAsync();

        await stage.Portal.GetByRole(AriaRole.Link, new() { Name = "Calls" }).ClickAsync();
        await Assertions.Expect(stage.Portal.GetByTestId("call-history")).ToContainTextAsync(CallStage.TechnicianName);
        await Assertions.Expect(stage.Portal.GetByTestId("call-history")).ToContainTextAsync("No answer");
        await stage.Portal.GotoAsync("/");
    }

    [Fact]
    public async Task TechnicianInACall_SecondExpertSeesBusyAndCannotRing()
    {
        const string temporary = "temporary orchard lantern 42";
        await PortalSteps.AddUserAsync(stage.Portal, "Bob Expert", "bob@acme.test", "Expert", temporary);
        await stage.Portal.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        var bob = await stage.Browser.NewPageAsync(stage.Server.BaseUrl);
        await PortalSteps.SignInAsync(bob, "bob@acme.test", temporary);
        await bob.GetByLabel("Current password").FillAsync(temporary);
        await bob.GetByLabel("New password", new() { Exact = true }).FillAsync("copper kettle under midnight rain");
        await bob.GetByLabel("Confirm new password").FillAsync("copper kettle under midnight rain");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await stage.ConnectAsync();
        var tessAtBob = bob.GetByTestId("contact").Filter(new() { HasText = CallStage.TechnicianName });
        await Assertions.Expect(tessAtBob.GetByTestId("contact-status")).ToHaveTextAsync("Busy");

        // A busy technician cannot be rung; the hub answers Busy to a call that races this (see CallHubTests).
        await Assertions.Expect(tessAtBob.GetByRole(AriaRole.Button, new() { Name = $"Call {CallStage.TechnicianName}" })).ToBeDisabledAsync();

        await stage.HangUpAsync(stage.Glass);
        await Assertions.Expect(tessAtBob.GetByTestId("contact-status")).ToHaveTextAsync("Online");
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task NetworkChangeDuringCall_IceRestartsAndFramesKeepFlowing()
    {
        await stage.ConnectAsync();
        var before = await MediaStats.ExpectFlowingAsync(stage.Portal);

        // A network change (Wi-Fi to 4G) makes the offerer restart ICE without ending the call.
        await stage.Portal.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await WaitForAsync(async () => (await MediaStats.ReadAsync(stage.Portal)).IceUsernameFragment != before.IceUsernameFragment,
            "the portal's ICE credentials to change (an ICE restart)");
        await MediaStats.ExpectFlowingAsync(stage.Portal);
        await CallStage.ExpectStatusAsync(stage.Portal, "Connected");
        await stage.HangUpAsync(stage.Portal);
    }

    [Fact]
    public async Task ServerRestartsMidCall_MediaKeepsFlowingAndControlsWorkAfterReconnect()
    {
        await stage.ConnectAsync();
        await MediaStats.ExpectFlowingAsync(stage.Portal);

        await stage.Server.RestartAsync(TimeSpan.FromSeconds(1));

        // Peer to peer: frames never stopped; once signalling is back the call is still connected.
        await MediaStats.ExpectFlowingAsync(stage.Portal);
        await CallStage.ExpectStatusAsync(stage.Portal, "Connected");
        await CallStage.ExpectStatusAsync(stage.Glass, "Connected");
        await stage.ExpectTechnicianStatusAsync("Busy");

        // And the controls work over the new connection.
        await stage.HangUpAsync(stage.Glass);
    }

    [Fact]
    public async Task TechnicianReloadsMidCall_RejoinsAndMediaFlowsAgain()
    {
        await stage.ConnectAsync();
        await MediaStats.ExpectFlowingAsync(stage.Portal);

        await stage.Glass.ReloadAsync();

        await CallStage.ExpectStatusAsync(stage.Glass, "Connected");
        await CallStage.ExpectStatusAsync(stage.Portal, "Connected");
        await MediaStats.ExpectFlowingAsync(stage.Portal);
        await MediaStats.ExpectFlowingAsync(stage.Glass, video: false);
        await stage.HangUpAsync(stage.Portal);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
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

/// A relay-only call (iceTransportPolicy 'relay') through the server's managed coturn.
public sealed class RelayCallTests(RelayCallStage stage) : IClassFixture<RelayCallStage>
{
    [Fact]
    public async Task RelayOnlyCall_ThroughManagedCoturn_MediaFlowsOverRelayCandidates()
    {
        await stage.ConnectAsync();
        var portal = await MediaStats.ExpectFlowingAsync(stage.Portal);
        Assert.Equal("relay", portal.LocalCandidateType);
        var glass = await MediaStats.ReadAsync(stage.Glass);
        Assert.Equal("relay", glass.LocalCandidateType);
        await stage.HangUpAsync(stage.Portal);
    }
}
