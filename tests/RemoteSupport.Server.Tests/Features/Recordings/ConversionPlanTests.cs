using RemoteSupport.Server.Features.Recordings;

namespace RemoteSupport.Server.Tests.Features.Recordings;

public sealed class ConversionPlanTests
{
    private const long T0 = 1_733_352_000_000_000;
    private static readonly Guid Tech = Guid.Parse("11111111111111111111111111111111");
    private static readonly Guid Expert = Guid.Parse("22222222222222222222222222222222");
    private static readonly Guid Guest = Guid.Parse("33333333333333333333333333333333");

    private static readonly RecordedParticipant[] People =
    [
        new(Tech, "Tess", true, "Technician"),
        new(Expert, "Ada", false, "Expert"),
        new(Guest, "Gus", false, "Guest"),
    ];

    private static ConvertedStream S(Guid who, int segment, MjrMediaType type, long firstPacketUs, string codec = "", int mindex = -1)
    {
        codec = codec.Length > 0 ? codec : type == MjrMediaType.Audio ? "opus" : "vp8";
        mindex = mindex >= 0 ? mindex : type == MjrMediaType.Audio ? 0 : 1;
        var ext = type == MjrMediaType.Audio ? "opus" : "webm";
        return new(new MjrFileName(who, segment, type, mindex), new MjrHeader(type, codec, firstPacketUs - 1000, firstPacketUs),
            $"/w/{who:N}-{segment}-{type.ToString().ToLowerInvariant()}-{mindex}.{ext}");
    }

    private static ConversionPlan Build(params ConvertedStream[] streams)
    {
        var (plan, problem) = ConversionPlan.Build(People, streams, "/w", "/w/recording.webm", "/w/webcam.webm", 64000);
        Assert.True(plan is not null, problem);
        return plan;
    }

    [Fact]
    public void Build_TechnicianVideoAndVoices_CopiesVideoAtItsOffset_AndDelaysEachVoiceByItsFirstPacket()
    {
        var plan = Build(
            S(Tech, 0, MjrMediaType.Video, T0 + 250_000),
            S(Tech, 0, MjrMediaType.Audio, T0),
            S(Expert, 0, MjrMediaType.Audio, T0 + 2_000_000));

        Assert.Equal(T0, plan.OriginUs);
        Assert.Equal(
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-itsoffset", "0.250", "-i", $"/w/{Tech:N}-0-video-1.webm",
            "-i", $"/w/{Tech:N}-0-audio-0.opus",
            "-i", $"/w/{Expert:N}-0-audio-0.opus",
            "-filter_complex",
            "[1:a]aresample=48000,aformat=channel_layouts=mono,adelay=delays=0:all=1[d1];"
                + "[2:a]aresample=48000,aformat=channel_layouts=mono,adelay=delays=2000:all=1[d2];"
                + "[d1][d2]amix=inputs=2:duration=longest:normalize=0[mix0]",
            "-map", "0:v:0", "-c:v", "copy", "-map", "[mix0]", "-c:a", "libopus", "-b:a", "64000", "-f", "webm", "/w/recording.webm",
        ], plan.Arguments);
        Assert.True(plan.HasVideo);
        Assert.False(plan.HasWebcam);
        Assert.Equal(2, plan.AudioTracks);
        Assert.DoesNotContain("libvpx", plan.Arguments);
    }

    [Fact]
    public void Build_VoiceBeforeVideo_OriginIsTheEarliestStream_AndVideoIsShiftedLater()
    {
        var plan = Build(S(Expert, 0, MjrMediaType.Audio, T0 - 1_500_000), S(Tech, 0, MjrMediaType.Video, T0));
        Assert.Equal(T0 - 1_500_000, plan.OriginUs);
        Assert.Equal(["-itsoffset", "1.500"], plan.Arguments.Skip(5).Take(2));
        Assert.Contains("adelay=delays=0:all=1", plan.Arguments.Single(a => a.Contains("amix", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_VideoFileStartingLater_IsPlacedAtItsFirstPacketPlusThatStart()
    {
        var plan = Build(S(Tech, 0, MjrMediaType.Audio, T0), S(Tech, 0, MjrMediaType.Video, T0 + 100_000) with { FirstFrameUs = 400_000 });
        Assert.Equal(["-itsoffset", "0.500"], plan.Arguments.Skip(5).Take(2));
    }

    [Fact]
    public void Build_ExpertWebcam_IsASecondOutputWithTheSameMix()
    {
        var plan = Build(S(Tech, 0, MjrMediaType.Video, T0), S(Tech, 0, MjrMediaType.Audio, T0), S(Expert, 0, MjrMediaType.Video, T0 + 3_000_000));

        Assert.True(plan.HasWebcam);
        var args = string.Join(' ', plan.Arguments);
        Assert.Contains($"-itsoffset 3.000 -i /w/{Expert:N}-0-video-1.webm", args, StringComparison.Ordinal);
        Assert.EndsWith("amix=inputs=1:duration=longest:normalize=0,asplit=2[mix0][mix1]", plan.Arguments[plan.Arguments.ToList().IndexOf("-filter_complex") + 1], StringComparison.Ordinal);
        Assert.Contains("-map 2:v:0 -c:v copy -map [mix1] -c:a libopus -b:a 64000 -f webm /w/webcam.webm", args, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RepublishedCamera_ConcatenatesSegmentsKeepingTheGap()
    {
        var plan = Build(S(Tech, 0, MjrMediaType.Video, T0), S(Tech, 1, MjrMediaType.Video, T0 + 65_500_000), S(Tech, 0, MjrMediaType.Audio, T0));

        var list = Assert.Single(plan.ConcatLists);
        Assert.Equal("/w/technician.ffconcat", list.Key);
        Assert.Equal($"ffconcat version 1.0\nfile '/w/{Tech:N}-0-video-1.webm'\nduration 65.500\nfile '/w/{Tech:N}-1-video-1.webm'\n", list.Value);
        Assert.Equal(["-itsoffset", "0.000", "-f", "concat", "-safe", "0", "-i", "/w/technician.ffconcat"], plan.Arguments.Skip(5).Take(8));
    }

    [Fact]
    public void Build_NoVideo_IsAudioOnly_AndUnsupportedStreamsAreListed()
    {
        var plan = Build(S(Tech, 0, MjrMediaType.Audio, T0), S(Tech, 0, MjrMediaType.Video, T0, codec: "h264"), S(Guest, 0, MjrMediaType.Audio, T0, codec: "pcmu"));

        Assert.False(plan.HasVideo);
        Assert.Equal(1, plan.AudioTracks);
        Assert.DoesNotContain("-c:v", plan.Arguments);
        Assert.Equal(2, plan.Skipped.Count);
        Assert.Contains(plan.Skipped, s => s.Contains("h264: not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_OnlyTheFirstMLineOfASegment_AndOnlyTheTechniciansVideoLeads()
    {
        var plan = Build(S(Guest, 0, MjrMediaType.Video, T0 - 10_000_000), S(Tech, 0, MjrMediaType.Video, T0, mindex: 1), S(Tech, 0, MjrMediaType.Video, T0, mindex: 2));
        Assert.Contains($"/w/{Tech:N}-0-video-1.webm", plan.Arguments);
        Assert.DoesNotContain($"/w/{Tech:N}-0-video-2.webm", plan.Arguments);
        Assert.Equal(2, plan.Inputs.Count); // the technician's camera and the guest's (as the webcam file)
        Assert.Equal([$"{Tech:N}-0-video-2.webm (another video: only the technician's camera and one webcam are kept)"], plan.Skipped);
    }

    [Fact]
    public void Build_NothingPlayable_SaysWhy()
    {
        Assert.Equal("No audio or video was recorded.", ConversionPlan.Build(People, [], "/w", "/w/a", "/w/b", 64000).Problem);
        var (plan, problem) = ConversionPlan.Build(People, [S(Expert, 0, MjrMediaType.Video, T0, codec: "h264")], "/w", "/w/a", "/w/b", 64000);
        Assert.Null(plan);
        Assert.Contains("None of the recorded streams can be played", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsValidator_ListsEveryProblem()
    {
        var result = new RecordingsOptionsValidator().Validate(null, new RecordingsOptions
        {
            Ffmpeg = " ", JanusPpRec = "", ToolTimeout = TimeSpan.FromSeconds(1), MaxConcurrentConversions = 0, AudioBitrate = 1,
        });
        Assert.True(result.Failed);
        Assert.Equal(5, result.Failures!.Count());
    }
}
