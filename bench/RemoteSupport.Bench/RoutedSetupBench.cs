using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace RemoteSupport.Bench;

/// ROUTED call set-up beside peer-to-peer set-up, alternating in the same run, server and browser: from the click on
/// "Call <technician>" to the first frame of the glasses' camera presented in the portal (requestVideoFrameCallback).
/// Routed, that frame travelled glasses → Janus → portal, after both published and the portal subscribed.
internal static class RoutedSetupBench
{
    public static async Task<int> MainAsync(string[] args)
    {
        var calls = CliOptions.Int(args, "--calls", 10);
        var warmup = CliOptions.Int(args, "--warmup", 1);
        var summary = CliOptions.String(args, "--summary");
        await using var rig = await CallRig.StartAsync(withJanus: true);
        var times = new Dictionary<string, List<double>> { ["PeerToPeer"] = [], ["Routed"] = [] };
        for (var i = 0; i < warmup + calls; i++)
        {
            foreach (var mode in new[] { "PeerToPeer", "Routed" })
            {
                await rig.SetCallModeAsync(mode);
                await rig.Portal.EvaluateAsync(PageScripts.ArmPortal);
                await rig.CallButton.ClickAsync();
                var call = await rig.Portal.EvaluateAsync<JsonElement>("() => window.__benchCall.done");
                var ms = call.GetProperty("frame").GetDouble() - call.GetProperty("click").GetDouble();
                // Routed: the portal publishes on one connection and receives on another; peer to peer it has one.
                var connections = await rig.Portal.EvaluateAsync<int>("() => window.__rsCall.pcs().length");
                if ((mode == "Routed") != (connections > 1))
                {
                    throw new InvalidOperationException($"A {mode} call has {connections} connection(s) in the portal.");
                }

                await rig.HangUpAsync();
                await Task.Delay(300);
                if (i >= warmup)
                {
                    times[mode].Add(ms);
                }

                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(i >= warmup ? "call" : "warm-up")} {i + 1}: {mode} {ms:F0} ms"));
            }
        }

        var p2p = Stats.Of("peer to peer: click Call → first frame", times["PeerToPeer"]);
        var routed = Stats.Of("ROUTED (Janus): click Call → first frame", times["Routed"]);
        var ratio = routed.Median / p2p.Median;
        Console.WriteLine();
        Console.WriteLine($"Call set-up, {calls} calls per mode after {warmup} warm-up, alternating");
        Console.WriteLine(Stats.Header);
        Console.WriteLine(p2p.Row());
        Console.WriteLine(routed.Row());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ROUTED / peer to peer = {ratio:F2}×"));
        if (summary is not null)
        {
            await File.WriteAllLinesAsync(summary,
            [
                string.Create(CultureInfo.InvariantCulture, $"ROUTED call set-up (click → first frame)\t{routed.Count}\t{routed.Median:F0}\t{routed.P95:F0}\t{p2p.Median:F0}\t{ratio:F2}\tbaseline = peer-to-peer set-up, same run"),
                string.Create(CultureInfo.InvariantCulture, $"peer-to-peer call set-up (same run)\t{p2p.Count}\t{p2p.Median:F0}\t{p2p.P95:F0}\t{p2p.Median:F0}\t1.00\t"),
            ]);
        }

        return 0;
    }
}

/// Command-line options of the form --name value.
internal static class CliOptions
{
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    public static string? String(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
