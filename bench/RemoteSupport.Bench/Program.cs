using System.Globalization;
using RemoteSupport.Bench;

// dotnet run --project bench/RemoteSupport.Bench -c Release -- call-setup [--calls N] [--warmup N] [--summary FILE]
// dotnet run --project bench/RemoteSupport.Bench -c Release -- blob-store [--megabytes N] [--runs N] [--warmup N] [--segment-size BYTES] [--dir FOLDER] [--summary FILE]
// dotnet run --project bench/RemoteSupport.Bench -c Release -- recording [--seconds N] [--runs N] [--warmup N] [--summary FILE]
// dotnet run --project bench/RemoteSupport.Bench -c Release -- routed-setup [--calls N] [--warmup N] [--summary FILE]
// dotnet run --project bench/RemoteSupport.Bench -c Release -- routed-cpu [--summary FILE]
// dotnet run --project bench/RemoteSupport.Bench -c Release -- pointer [--moves N] [--warmup N] [--interval MS] [--summary FILE]
// dotnet run --project bench/RemoteSupport.Bench -c Release -- snapshot --camera FILE.y4m [--snapshots N] [--warmup N] [--summary FILE]
// bench/run.sh runs it without network (only loopback) and appends the numbers to bench/RESULTS.md.

const double TargetMedianMs = 400;
const double TargetRatio = 1.5;

if (args.Length > 0 && args[0] == "blob-store")
{
    return await BlobStoreBench.MainAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "recording")
{
    return await RecordingBench.MainAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "routed-setup")
{
    return await RoutedSetupBench.MainAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "routed-cpu")
{
    return await ForwardingCpuBench.MainAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "pointer")
{
    return await PointerBench.MainAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "snapshot")
{
    return await SnapshotBench.MainAsync(args[1..]);
}

if (args.Length == 0 || args[0] != "call-setup")
{
    return Usage();
}

var calls = 20;
var warmup = 2;
string? summary = null;
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--calls" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
            calls = n;
            i++;
            break;
        case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var w) && w >= 0:
            warmup = w;
            i++;
            break;
        case "--summary" when i + 1 < args.Length:
            summary = args[++i];
            break;
        default:
            return Usage();
    }
}

if (calls < 20)
{
    Console.Error.WriteLine($"note: {calls} calls; the issue's target is judged over 20 or more");
}

var result = await new CallSetupBench(calls, warmup).RunAsync();
var ratio = result.Call.Median / result.Bare.Median;
var medianOk = result.Call.Median <= TargetMedianMs;
var ratioOk = ratio <= TargetRatio;

Console.WriteLine();
Console.WriteLine($"Call set-up, {calls} calls after {warmup} warm-up (first frame = requestVideoFrameCallback presentationTime; both include getUserMedia of the sending side)");
Console.WriteLine($"frame size: call {result.CallFrameSize}, bare {result.BareFrameSize}");
Console.WriteLine(Stats.Header);
Console.WriteLine(result.Call.Row());
Console.WriteLine(result.Bare.Row());
Console.WriteLine(result.BareGetUserMedia.Row());
Console.WriteLine(result.BareConnected.Row());
Console.WriteLine(result.BareUnmuted.Row());
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"target median ≤ {TargetMedianMs:F0} ms: {result.Call.Median:F0} ms → {(medianOk ? "PASS" : "MISS")}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"target ≤ {TargetRatio:F1}× bare baseline: {result.Call.Median:F0} / {result.Bare.Median:F0} ms = {ratio:F2}× → {(ratioOk ? "PASS" : "MISS")}"));
Console.WriteLine();
Console.WriteLine("Where the time goes (portal and glass marks, epoch ms from performance.timeOrigin + now):");
Console.WriteLine(result.Breakdown);

if (summary is not null)
{
    // Tab-separated, one line per measure, for bench/run.sh: measure, n, median, p95, baseline median, ratio, verdict.
    var lines = new[]
    {
        string.Create(CultureInfo.InvariantCulture,
            $"call set-up (click → first frame)\t{result.Call.Count}\t{result.Call.Median:F0}\t{result.Call.P95:F0}\t{result.Bare.Median:F0}\t{ratio:F2}\tmedian ≤ {TargetMedianMs:F0} ms {(medianOk ? "PASS" : "MISS")}; ≤ {TargetRatio:F1}× baseline {(ratioOk ? "PASS" : "MISS")}"),
        string.Create(CultureInfo.InvariantCulture,
            $"bare loopback baseline (gUM → first frame)\t{result.Bare.Count}\t{result.Bare.Median:F0}\t{result.Bare.P95:F0}\t{result.Bare.Median:F0}\t1.00\t"),
    };
    await File.WriteAllLinesAsync(summary, lines);
}

return 0;

static int Usage()
{
    Console.Error.WriteLine("usage: RemoteSupport.Bench call-setup [--calls N] [--warmup N] [--summary FILE]");
    Console.Error.WriteLine("       RemoteSupport.Bench blob-store [--megabytes N] [--runs N] [--warmup N] [--segment-size BYTES] [--dir FOLDER] [--summary FILE]");
    Console.Error.WriteLine("       RemoteSupport.Bench recording [--seconds N] [--runs N] [--warmup N] [--summary FILE]");
    Console.Error.WriteLine("       RemoteSupport.Bench routed-setup [--calls N] [--warmup N] [--summary FILE]");
    Console.Error.WriteLine("       RemoteSupport.Bench routed-cpu [--summary FILE]");
    Console.Error.WriteLine("       RemoteSupport.Bench pointer [--moves N] [--warmup N] [--interval MS] [--summary FILE]");
    Console.Error.WriteLine("       RemoteSupport.Bench snapshot --camera FILE.y4m [--snapshots N] [--warmup N] [--summary FILE]");
    return 2;
}
