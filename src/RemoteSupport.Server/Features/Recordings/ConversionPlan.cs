using System.Globalization;
using System.Text;

namespace RemoteSupport.Server.Features.Recordings;

/// One .mjr stream after janus-pp-rec: its name parts, its header, the file it became (.webm for video, .opus for audio), and
/// the start time of that file. janus-pp-rec keeps time stamps relative to the stream's first packet, and ffmpeg (without
/// -copyts) moves every input so that it starts at 0, so the file's start time is added back. (janus-pp-rec 1.1.2 writes the
/// undecodable frames before the first keyframe from 0, and ffmpeg's stream copy drops them, so there it is 0 and the
/// picture starts at the first keyframe in the right place; a version that starts the file at the first keyframe gives its
/// time here.)
public sealed record ConvertedStream(MjrFileName Name, MjrHeader Header, string Path, long FirstFrameUs = 0)
{
    /// Wall-clock µs of the first frame: what places the stream on the recording's timeline.
    public long StartUs => Header.FirstPacketUs + FirstFrameUs;
}

/// How ffmpeg builds the playable files from the converted streams, in one run: the technician's video stream-copied (never
/// re-encoded, so a long recording takes seconds), every participant's audio delayed to its place on the common timeline and
/// mixed into one Opus track, and the expert's webcam (if any) as a second file with the same audio.
/// The timeline starts at the earliest first frame of the streams used (header "u", the first packet's wall-clock time,
/// plus where the first frame is in the converted file); each stream is shifted by its own start minus that origin.
public sealed record ConversionPlan(
    IReadOnlyList<string> Arguments,
    IReadOnlyList<ConvertedStream> Inputs,
    IReadOnlyDictionary<string, string> ConcatLists,
    long OriginUs,
    bool HasVideo,
    bool HasWebcam,
    int AudioTracks,
    IReadOnlyList<string> Skipped)
{
    /// Codecs janus-pp-rec turns into WebM and Opus files that WebM can carry as they are.
    private static readonly string[] VideoCodecs = ["vp8", "vp9"];

    /// Null with a reason when nothing in the recording can be played.
    public static (ConversionPlan? Plan, string? Problem) Build(
        IReadOnlyList<RecordedParticipant> participants, IReadOnlyList<ConvertedStream> streams, string workFolder, string mainOutput,
        string webcamOutput, int audioBitrate)
    {
        var skipped = new List<string>();
        var byId = participants.ToDictionary(p => p.ParticipantId);
        var audio = new List<ConvertedStream>();
        foreach (var s in streams.OrderBy(s => s.StartUs))
        {
            if (s.Header.Type == MjrMediaType.Audio && s.Header.Codec == "opus")
            {
                audio.Add(s);
            }
            else if (s.Header.Type != MjrMediaType.Video || !VideoCodecs.Contains(s.Header.Codec))
            {
                skipped.Add($"{System.IO.Path.GetFileName(s.Path)} ({s.Header.Type}, {s.Header.Codec}: not supported)");
            }
        }

        var technician = VideoOf(streams, id => byId.TryGetValue(id, out var p) && p.IsTechnician);
        var webcam = VideoOf(streams, id => byId.TryGetValue(id, out var p) && !p.IsTechnician);

        // Said, not dropped silently: a second camera of someone, another expert's webcam, a participant missing from the manifest.
        skipped.AddRange(streams.Where(s => s.Header.Type == MjrMediaType.Video && VideoCodecs.Contains(s.Header.Codec) && !technician.Contains(s) && !webcam.Contains(s))
            .Select(s => $"{System.IO.Path.GetFileName(s.Path)} (another video: " + (byId.ContainsKey(s.Name.ParticipantId) ? "only the technician's camera and one webcam are kept)" : "participant not in the manifest)")));
        if (technician.Count == 0 && audio.Count == 0)
        {
            return (null, streams.Count == 0
                ? "No audio or video was recorded."
                : "None of the recorded streams can be played (no Opus audio and no VP8/VP9 video of the technician).");
        }

        var used = technician.Concat(webcam).Concat(audio).ToList();
        var origin = used.Min(s => s.StartUs);
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-y" };
        var lists = new Dictionary<string, string>();
        var input = 0;

        int? videoInput = technician.Count > 0 ? AddVideoInput(technician, "technician") : null;
        var audioInputs = new List<(int Input, long DelayMs)>();
        foreach (var a in audio)
        {
            args.AddRange(["-i", a.Path]);
            audioInputs.Add((input++, (a.StartUs - origin) / 1000));
        }

        int? webcamInput = webcam.Count > 0 ? AddVideoInput(webcam, "webcam") : null;

        var outputs = webcamInput is null ? 1 : 2;
        if (audioInputs.Count > 0)
        {
            var graph = new StringBuilder();
            foreach (var (i, delay) in audioInputs)
            {
                graph.Append(CultureInfo.InvariantCulture, $"[{i}:a]aresample=48000,aformat=channel_layouts=mono,adelay=delays={delay}:all=1[d{i}];");
            }

            foreach (var (i, _) in audioInputs)
            {
                graph.Append(CultureInfo.InvariantCulture, $"[d{i}]");
            }

            graph.Append(CultureInfo.InvariantCulture, $"amix=inputs={audioInputs.Count}:duration=longest:normalize=0");
            graph.Append(outputs == 1 ? "[mix0]" : ",asplit=2[mix0][mix1]");
            args.AddRange(["-filter_complex", graph.ToString()]);
        }

        AddOutput(videoInput, 0, mainOutput);
        if (webcamInput is not null)
        {
            AddOutput(webcamInput, 1, webcamOutput);
        }

        return (new ConversionPlan(args, used, lists, origin, videoInput is not null, webcamInput is not null, audioInputs.Count, skipped), null);

        int AddVideoInput(IReadOnlyList<ConvertedStream> segments, string name)
        {
            var offset = Seconds(segments[0].StartUs - origin);
            args.AddRange(["-itsoffset", offset]);
            if (segments.Count == 1)
            {
                args.AddRange(["-i", segments[0].Path]);
            }
            else
            {
                // A re-published camera is a new segment: the concat demuxer joins them, and each "duration" (up to the next
                // segment's first packet) keeps the gap between them so the picture stays in step with the sound.
                var list = new StringBuilder("ffconcat version 1.0\n");
                for (var k = 0; k < segments.Count; k++)
                {
                    list.Append("file ").Append(Quote(segments[k].Path)).Append('\n');
                    if (k + 1 < segments.Count)
                    {
                        list.Append("duration ").Append(Seconds(segments[k + 1].StartUs - segments[k].StartUs)).Append('\n');
                    }
                }

                var path = System.IO.Path.Combine(workFolder, $"{name}.ffconcat");
                lists[path] = list.ToString();
                args.AddRange(["-f", "concat", "-safe", "0", "-i", path]);
            }

            return input++;
        }

        void AddOutput(int? video, int mix, string path)
        {
            if (video is { } v)
            {
                args.AddRange(["-map", $"{v}:v:0", "-c:v", "copy"]);
            }

            if (audioInputs.Count > 0)
            {
                args.AddRange(["-map", $"[mix{mix}]", "-c:a", "libopus", "-b:a", audioBitrate.ToString(CultureInfo.InvariantCulture)]);
            }

            args.AddRange(["-f", "webm", path]);
        }
    }

    /// The video segments of the first participant the filter picks, in segment order (first m-line of each segment).
    private static List<ConvertedStream> VideoOf(IReadOnlyList<ConvertedStream> streams, Func<Guid, bool> filter)
    {
        var video = streams.Where(s => s.Header.Type == MjrMediaType.Video && VideoCodecs.Contains(s.Header.Codec) && filter(s.Name.ParticipantId))
            .OrderBy(s => s.StartUs).ToList();
        if (video.Count == 0)
        {
            return [];
        }

        var who = video[0].Name.ParticipantId;
        return video.Where(s => s.Name.ParticipantId == who).GroupBy(s => s.Name.Segment).Select(g => g.OrderBy(s => s.Name.MIndex).First())
            .OrderBy(s => s.StartUs).ToList();
    }

    public static string Seconds(long microseconds) => (microseconds / 1_000_000m).ToString("0.000###", CultureInfo.InvariantCulture);

    private static string Quote(string path) => "'" + path.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
