using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;

using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Recordings;

/// Why a recording could not be converted, in words for the expert reading the session page.
public sealed class RecordingConversionException(string reason) : Exception(reason);

/// The playable files a conversion left in the recording's work folder, still unencrypted: the caller stores and deletes them.
public sealed record ConversionOutput(string MainPath, string? WebcamPath, long DurationMs, ConversionPlan Plan, IReadOnlyList<string> Notes);

/// Turns a folder of .mjr files into WebM files: `janus-pp-rec -j` reads each header, `janus-pp-rec` turns each stream into
/// .webm/.opus, ffmpeg muxes them (ConversionPlan), ffprobe measures the result. Everything it writes goes into the folder's
/// "work" sub-folder, which is emptied first, so a conversion interrupted by a crash is simply redone.
public sealed class RecordingConverter(IOptions<RecordingsOptions> options, ILogger<RecordingConverter> logger)
{
    public const string WorkFolderName = "work";

    /// Files janus writes before the first packet: the 8-byte magic only, no info header, no media.
    private const long EmptyMjrBytes = 16;

    public static string WorkFolder(string folder) => Path.Combine(folder, WorkFolderName);

    public async Task<ConversionOutput> ConvertAsync(Guid recordingId, string folder, IReadOnlyList<RecordedParticipant> participants, CancellationToken ct)
    {
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        var work = WorkFolder(folder);
        RecordingFolders.DeleteWork(folder);
        PrivateFolder.Create(work);
        RecordingFolders.AdoptTemporaryFiles(folder);

        var notes = new List<string>();
        var files = new List<(string Path, MjrFileName Name)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.mjr").Where(p => p.EndsWith(".mjr", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = MjrFileName.Parse(Path.GetFileName(path));
            if (name is null)
            {
                RecordingsLog.UnknownFile(logger, recordingId, Path.GetFileName(path));
            }
            else if (new FileInfo(path).Length <= EmptyMjrBytes)
            {
                notes.Add($"{Path.GetFileName(path)} holds no media");
            }
            else
            {
                files.Add((path, name));
            }
        }

        var headers = new ConcurrentDictionary<string, MjrHeader>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        await Parallel.ForEachAsync(files, parallel, async (file, token) =>
        {
            var result = await ToolRunner.RunAsync(o.JanusPpRec, ["-j", file.Path], o.ToolTimeout, token);
            var (header, problem) = result.Succeeded ? MjrHeader.Parse(result.Output) : (null, LastLine(result.ErrorTail) ?? $"janus-pp-rec exited with {result.ExitCode}");
            if (header is null)
            {
                throw new RecordingConversionException($"The recorded stream {Path.GetFileName(file.Path)} could not be read ({problem}). The raw files are kept on the server.");
            }

            headers[file.Path] = header;
        });

        var streams = files.Select(f => new ConvertedStream(f.Name, headers[f.Path], Path.Combine(work, Path.GetFileNameWithoutExtension(f.Path) + Extension(headers[f.Path]))))
            .ToList();
        var main = Path.Combine(work, "recording.webm");
        var webcam = Path.Combine(work, "webcam.webm");
        var (plan, planProblem) = ConversionPlan.Build(participants, streams, work, main, webcam, o.AudioBitrate);
        if (plan is null)
        {
            throw new RecordingConversionException(planProblem!);
        }

        notes.AddRange(plan.Skipped.Select(s => $"{s} was not included"));
        await Parallel.ForEachAsync(plan.Inputs, parallel, async (stream, token) =>
        {
            var source = Path.Combine(folder, Path.GetFileNameWithoutExtension(stream.Path) + ".mjr");
            var result = await ToolRunner.RunAsync(o.JanusPpRec, [source, stream.Path], o.ToolTimeout, token);
            if (!result.Succeeded || !File.Exists(stream.Path) || new FileInfo(stream.Path).Length == 0)
            {
                throw new RecordingConversionException(
                    $"The recorded stream {Path.GetFileName(source)} could not be converted ({LastLine(result.ErrorTail) ?? $"janus-pp-rec exited with {result.ExitCode}"}). The raw files are kept on the server.");
            }
        });

        // Now that the files exist: each video's start time (see ConvertedStream), then the final plan with those times.
        var firstFrames = new ConcurrentDictionary<string, long>();
        await Parallel.ForEachAsync(plan.Inputs.Where(s => s.Header.Type == MjrMediaType.Video), parallel, async (stream, token) =>
            firstFrames[stream.Path] = await FirstFrameUsAsync(stream.Path, token));
        streams = [.. streams.Select(s => firstFrames.TryGetValue(s.Path, out var first) ? s with { FirstFrameUs = first } : s)];
        (plan, planProblem) = ConversionPlan.Build(participants, streams, work, main, webcam, o.AudioBitrate);
        if (plan is null)
        {
            throw new RecordingConversionException(planProblem!);
        }

        foreach (var (path, content) in plan.ConcatLists)
        {
            await File.WriteAllTextAsync(path, content, ct);
        }

        var muxed = await ToolRunner.RunAsync(o.Ffmpeg, plan.Arguments, o.ToolTimeout, ct);
        if (!muxed.Succeeded || !File.Exists(main))
        {
            throw new RecordingConversionException($"ffmpeg could not build the recording ({LastLine(muxed.ErrorTail) ?? $"exit code {muxed.ExitCode}"}). The raw files are kept on the server.");
        }

        var duration = await DurationMsAsync(main, ct);
        RecordingsLog.Converted(logger, recordingId, files.Count, plan.Inputs.Count, duration, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new ConversionOutput(main, plan.HasWebcam && File.Exists(webcam) ? webcam : null, duration, plan, notes);
    }

    /// The duration ffprobe reads from the container.
    public async Task<long> DurationMsAsync(string path, CancellationToken ct)
    {
        var o = options.Value;
        var probe = await ToolRunner.RunAsync(o.Ffprobe, ["-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", path], o.ToolTimeout, ct);
        if (!probe.Succeeded || !double.TryParse(probe.Output.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new RecordingConversionException($"The converted recording could not be measured ({LastLine(probe.ErrorTail) ?? "ffprobe gave no duration"}).");
        }

        return (long)Math.Round(seconds * 1000);
    }

    /// The start time of the video in a converted file, in µs: what ffmpeg subtracts from that input without -copyts.
    private async Task<long> FirstFrameUsAsync(string path, CancellationToken ct)
    {
        var o = options.Value;
        var probe = await ToolRunner.RunAsync(o.Ffprobe, ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=start_time", "-of", "default=noprint_wrappers=1:nokey=1", path], o.ToolTimeout, ct);
        if (!probe.Succeeded || !double.TryParse(probe.Output.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new RecordingConversionException($"The converted stream {Path.GetFileName(path)} holds no video ({LastLine(probe.ErrorTail) ?? "no start time"}). The raw files are kept on the server.");
        }

        return (long)Math.Round(Math.Max(0, seconds) * 1_000_000);
    }

    private static string Extension(MjrHeader header) => header.Type == MjrMediaType.Audio ? ".opus" : ".webm";

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() is { Length: > 0 } line
            ? (line.Length > 200 ? line[..200] : line)
            : null;
}
