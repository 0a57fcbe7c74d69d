using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.Bench;

internal sealed record CallSetupResult(
    Stats Call,
    Stats Bare,
    Stats BareGetUserMedia,
    Stats BareConnected,
    Stats BareUnmuted,
    string CallFrameSize,
    string BareFrameSize,
    string Breakdown);

/// Call set-up as the expert sees it: from the click on "Call <technician>" in the portal to the first
/// frame of the glasses' camera presented in the portal, the glass page answering by itself
/// (/glass?autoanswer=1). Beside it, in the same browser and run, a bare two-peer-connection call in one
/// page of the same origin. Both include getUserMedia of the sending side (the glasses' camera and
/// microphone, 1280x720 ideal) and both stop at requestVideoFrameCallback's presentationTime.
internal sealed class CallSetupBench(int calls, int warmup)
{
    private const string Technician = "Tess Technician";

    public async Task<CallSetupResult> RunAsync()
    {
        await using var rig = await CallRig.StartAsync(withJanus: false);
        var (portal, glass, browser) = (rig.Portal, rig.Glass, rig.Browser);
        var contact = portal.GetByTestId("contact").Filter(new() { HasText = Technician });
        var callButton = rig.CallButton;

        var bare = await browser.NewPageAsync(rig.Server.BaseUrl);
        await bare.GotoAsync("/join");

        var callMs = new List<double>();
        var bareMs = new List<double>();
        var bareGumMs = new List<double>();
        var bareConnectedMs = new List<double>();
        var bareUnmutedMs = new List<double>();
        var marks = new List<(IReadOnlyList<Mark>, IReadOnlyList<Mark>, double)>();
        string callSize = "?", bareSize = "?";
        var total = warmup + calls;
        for (var i = 0; i < total; i++)
        {
            var counted = i >= warmup;

            // The product call.
            await glass.EvaluateAsync("() => { window.__benchMarks.length = 0; }");
            await portal.EvaluateAsync(PageScripts.ArmPortal);
            await callButton.ClickAsync();
            var call = await portal.EvaluateAsync<JsonElement>("() => window.__benchCall.done");
            var click = call.GetProperty("click").GetDouble();
            var callSetup = call.GetProperty("frame").GetDouble() - click;
            callSize = $"{call.GetProperty("width").GetInt32()}x{call.GetProperty("height").GetInt32()}";
            var portalMarks = await ReadMarksAsync(portal);
            var glassMarks = await ReadMarksAsync(glass);

            await Assertions.Expect(portal.GetByTestId("call-status")).ToHaveTextAsync("Connected");
            await portal.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
            await Assertions.Expect(contact.GetByTestId("contact-status")).ToHaveTextAsync("Online");
            await Assertions.Expect(glass.GetByText("Waiting for calls")).ToBeVisibleAsync();
            await Assertions.Expect(portal.GetByTestId("remote-video")).ToHaveCountAsync(0);
            await Task.Delay(300);

            // The bare baseline, right after, in the same browser.
            var loop = await bare.EvaluateAsync<JsonElement>(PageScripts.BareLoopback);
            var bareSetup = loop.GetProperty("total").GetDouble();
            bareSize = $"{loop.GetProperty("width").GetInt32()}x{loop.GetProperty("height").GetInt32()}";
            await Task.Delay(300);

            if (counted)
            {
                callMs.Add(callSetup);
                bareMs.Add(bareSetup);
                bareGumMs.Add(loop.GetProperty("gum").GetDouble());
                bareConnectedMs.Add(loop.GetProperty("connected").GetDouble());
                bareUnmutedMs.Add(loop.GetProperty("unmuted").GetDouble());
                marks.Add((portalMarks, glassMarks, click));
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(counted ? "call" : "warm-up")} {i + 1}/{total}: call set-up {callSetup:F0} ms ({callSize}), bare loopback {bareSetup:F0} ms ({bareSize})"));
        }

        return new CallSetupResult(
            Stats.Of("call set-up: click Call → first remote frame in the portal", callMs),
            Stats.Of("bare loopback: getUserMedia → first frame, one page", bareMs),
            Stats.Of("bare loopback: of which getUserMedia", bareGumMs),
            Stats.Of("bare loopback: getUserMedia → connected (DTLS done)", bareConnectedMs),
            Stats.Of("bare loopback: getUserMedia → remote video track unmuted", bareUnmutedMs),
            callSize,
            bareSize,
            Breakdown.Table(marks));
    }

    private static async Task<IReadOnlyList<Mark>> ReadMarksAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.__benchMarks.map((m) => [m.t, m.what])");
        return [.. json.EnumerateArray().Select(m => new Mark(m[0].GetDouble(), m[1].GetString() ?? string.Empty))];
    }

}
