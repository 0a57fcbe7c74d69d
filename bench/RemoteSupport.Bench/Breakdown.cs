using System.Globalization;
using System.Text;

namespace RemoteSupport.Bench;

/// One timestamp from PageScripts.Instrumentation (epoch ms).
internal sealed record Mark(double T, string What);

/// Where the set-up time goes: for each step, its time after the click, median and p95 over the calls.
internal static class Breakdown
{
    // Portal (P) and glass (G) marks worth a line, with what they mean. The first occurrence counts.
    private static readonly (char Side, string Mark, string Label)[] Steps =
    [
        ('P', "click", "portal: click on Call"),
        ('P', "gUM start audio", "portal: getUserMedia(audio) starts"),
        ('P', "out StartCall", "portal: StartCall sent"),
        ('G', "in IncomingCall", "glass: IncomingCall received"),
        ('G', "gUM start audio+video", "glass: getUserMedia(audio+video) starts (auto-answer)"),
        ('P', "done StartCall", "portal: StartCall returned"),
        ('P', "gUM end audio", "portal: getUserMedia(audio) done"),
        ('G', "gUM end audio+video", "glass: getUserMedia(audio+video) done"),
        ('G', "out AcceptCall", "glass: AcceptCall sent"),
        ('P', "in CallAccepted", "portal: CallAccepted received"),
        ('G', "done AcceptCall", "glass: AcceptCall returned"),
        ('P', "pc new", "portal: RTCPeerConnection created"),
        ('G', "pc new", "glass: RTCPeerConnection created"),
        ('P', "sLD offer", "portal: offer set locally"),
        ('P', "out SendSignal:Offer", "portal: offer sent"),
        ('P', "first local candidate", "portal: first local ICE candidate"),
        ('G', "in Signal:Offer", "glass: offer received"),
        ('G', "sRD offer", "glass: offer applied"),
        ('G', "sLD answer", "glass: answer set locally"),
        ('G', "out SendSignal:Answer", "glass: answer sent"),
        ('G', "first local candidate", "glass: first local ICE candidate"),
        ('P', "in Signal:Answer", "portal: answer received"),
        ('P', "sRD answer", "portal: answer applied"),
        ('P', "in Signal:Candidate", "portal: first remote candidate received"),
        ('P', "track video", "portal: remote video track (ontrack)"),
        ('P', "ice checking", "portal: ICE checking"),
        ('P', "ice connected", "portal: ICE connected"),
        ('P', "pc connected", "portal: connected (DTLS done)"),
        ('G', "pc connected", "glass: connected (DTLS done)"),
        ('P', "video element", "portal: <video data-testid=remote-video> in the DOM"),
        ('P', "unmute video", "portal: remote video track unmuted (media arrives)"),
        ('P', "video loadedmetadata", "portal: video loadedmetadata (first frame decoded, size known)"),
        ('P', "video playing", "portal: video playing"),
        ('P', "first frame", "portal: first frame presented"),
    ];

    public static string Table(IReadOnlyList<(IReadOnlyList<Mark> Portal, IReadOnlyList<Mark> Glass, double Click)> calls) =>
        Table(calls, Steps, "step (first time seen after the click)");

    /// The same table for other steps: each (side P or G, mark, label), first occurrence after the start.
    public static string Table(
        IReadOnlyList<(IReadOnlyList<Mark> Portal, IReadOnlyList<Mark> Glass, double Click)> calls,
        IReadOnlyList<(char Side, string Mark, string Label)> steps,
        string heading)
    {
        var rows = new List<(string Label, Stats Stats)>();
        foreach (var (side, mark, label) in steps)
        {
            var offsets = new List<double>();
            foreach (var (portal, glass, click) in calls)
            {
                var first = (side == 'P' ? portal : glass).FirstOrDefault(m => m.What == mark && m.T >= click - 1);
                if (first is not null)
                {
                    offsets.Add(first.T - click);
                }
            }

            if (offsets.Count > 0)
            {
                rows.Add((label, Stats.Of(label, offsets)));
            }
        }

        var text = new StringBuilder();
        text.AppendLine($"| {heading} | n | median ms after click | p95 ms | median Δ to previous line |");
        text.AppendLine("|---|---|---|---|---|");
        double previous = 0;
        foreach (var (label, stats) in rows.OrderBy(r => r.Stats.Median))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {stats.Count} | {stats.Median:F0} | {stats.P95:F0} | {stats.Median - previous:+0;-0;0} |"));
            previous = stats.Median;
        }

        return text.ToString();
    }
}
