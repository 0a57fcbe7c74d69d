using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RemoteSupport.IntegrationTests.Features.Recordings;
using RemoteSupport.Server.Features.Recordings;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Bench;

/// Post-processing of a recording: a folder of .mjr files (technician VP8 640x480 + Opus, one expert's Opus from 2 s) →
/// janus-pp-rec → ffmpeg → ffprobe → encrypted blob, timed, beside a plain `ffmpeg -c copy` remux of the same video.
/// The target: at least 50× real time (a 5-minute recording done in 6 s).
internal sealed class RecordingBench(int seconds, int runs, int warmup, string folder)
{
    public const double TargetTimesRealTime = 50;

    public sealed record Result(Stats Convert, Stats ConvertAndStore, Stats Remux, long DurationMs, long Bytes);

    public static async Task<int> MainAsync(string[] args)
    {
        var seconds = 300;
        var runs = 3;
        var warmup = 1;
        string? summary = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s) && s >= 5:
                    seconds = s;
                    i++;
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    runs = r;
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
                    Console.Error.WriteLine("usage: RemoteSupport.Bench recording [--seconds N] [--runs N] [--warmup N] [--summary FILE]");
                    return 2;
            }
        }

        var root = Directory.CreateTempSubdirectory("rs-bench-recording-").FullName;
        try
        {
            var result = await new RecordingBench(seconds, runs, warmup, root).RunAsync();
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Recording post-processing, {seconds} s fixture (VP8 640x480 30 fps + Opus; expert's Opus from 2 s), {runs} runs after {warmup} warm-up; output {result.DurationMs} ms, {result.Bytes / 1024} KiB"));
            Console.WriteLine(Stats.Header);
            Console.WriteLine(result.ConvertAndStore.Row());
            Console.WriteLine(result.Convert.Row());
            Console.WriteLine(result.Remux.Row());
            Console.WriteLine();
            Console.WriteLine(Verdict(seconds, result));
            if (summary is not null)
            {
                await File.WriteAllLinesAsync(summary, SummaryLines(seconds, result));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public async Task<Result> RunAsync()
    {
        var technician = Guid.NewGuid();
        var expert = Guid.NewGuid();
        var recording = Directory.CreateDirectory(Path.Combine(folder, "recording")).FullName;
        Console.WriteLine($"fixture: {seconds} s of VP8 and Opus (encoded once, cached in {MjrFixtures.CacheFolder}) …");
        await MjrFixtures.WriteCallAsync(recording, technician, expert, seconds, 2, seconds - 2, expertWebcam: false, startUs: 1_733_352_000_000_000);
        var video = await MjrFixtures.VideoAsync(seconds);

        var converter = new RecordingConverter(Options.Create(new RecordingsOptions()), NullLogger<RecordingConverter>.Instance);
        using var key = new MasterKey(RandomNumberGenerator.GetBytes(MasterKey.KeySize));
        var store = new LocalBlobStore(Path.Combine(folder, "blobs"), 64 * 1024, key, NullLogger<LocalBlobStore>.Instance);
        store.Initialize();
        RecordedParticipant[] people = [new(technician, "Tess", true, "Technician"), new(expert, "Ada", false, "Expert")];
        List<double> convert = [], total = [], remux = [];
        long duration = 0, bytes = 0;

        for (var run = 0; run < warmup + runs; run++)
        {
            var measured = run >= warmup;
            var sw = Stopwatch.StartNew();
            var output = await converter.ConvertAsync(Guid.NewGuid(), recording, people, CancellationToken.None);
            var converted = sw.Elapsed.TotalMilliseconds;
            await using (var file = File.OpenRead(output.MainPath))
            {
                var blob = await store.PutAsync(Guid.NewGuid(), file, "video/webm", CancellationToken.None);
                bytes = blob.Length;
            }

            var stored = sw.Elapsed.TotalMilliseconds;
            duration = output.DurationMs;
            RecordingFolders.DeleteWork(recording);

            sw.Restart();
            var copy = Path.Combine(folder, "remux.webm");
            var result = await ToolRunner.RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", video, "-c", "copy", "-f", "webm", copy],
                TimeSpan.FromMinutes(10), CancellationToken.None);
            var remuxed = sw.Elapsed.TotalMilliseconds;
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("ffmpeg remux failed: " + result.ErrorTail);
            }

            File.Delete(copy);
            if (measured)
            {
                convert.Add(converted);
                total.Add(stored);
                remux.Add(remuxed);
            }
        }

        return new Result(
            Stats.Of("janus-pp-rec + ffmpeg mux (video copied, audio mixed) + ffprobe", convert),
            Stats.Of("post-processing: convert + encrypt into the blob store", total),
            Stats.Of("reference: ffmpeg -c copy remux of the same video", remux),
            duration, bytes);
    }

    private static string Verdict(int seconds, Result r) => string.Create(CultureInfo.InvariantCulture,
        $"post-processing {seconds * 1000.0 / r.ConvertAndStore.Median:F0}× real time (target ≥ {TargetTimesRealTime:F0}×) → {(seconds * 1000.0 / r.ConvertAndStore.Median >= TargetTimesRealTime ? "PASS" : "MISS")}; reference remux {seconds * 1000.0 / r.Remux.Median:F0}× real time");

    private static string[] SummaryLines(int seconds, Result r)
    {
        string Line(string measure, Stats s, string verdict) => string.Create(CultureInfo.InvariantCulture,
            $"{measure}\t{s.Count}\t{s.Median:F0}\t{s.P95:F0}\t{r.Remux.Median:F0}\t{s.Median / r.Remux.Median:F2}\t{verdict}");
        string Times(Stats s) => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000.0 / s.Median:F0}× real time");

        return
        [
            Line($"recording post-processing {seconds} s (convert + encrypt)", r.ConvertAndStore, Verdict(seconds, r)),
            Line($"  of which janus-pp-rec + ffmpeg + ffprobe", r.Convert, Times(r.Convert)),
            Line($"reference: ffmpeg -c copy remux of the same {seconds} s video", r.Remux, Times(r.Remux)),
        ];
    }
}
