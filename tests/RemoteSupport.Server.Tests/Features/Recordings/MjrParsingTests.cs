using RemoteSupport.Server.Features.Recordings;

namespace RemoteSupport.Server.Tests.Features.Recordings;

public sealed class MjrParsingTests
{
    [Fact]
    public void Header_AsJanusPpRecPrintsIt_GivesTypeCodecAndTimes()
    {
        // janus-pp-rec -j prints the header exactly as record.c wrote it (JSON_PRESERVE_ORDER), then a newline.
        const string printed = "{\"t\":\"v\",\"c\":\"vp8\",\"x\":{\"2\":\"urn:ietf:params:rtp-hdrext:sdes:mid\"},\"s\":1733352000123456,\"u\":1733352000456789}\n";

        var (header, problem) = MjrHeader.Parse(printed);

        Assert.Null(problem);
        Assert.Equal(new MjrHeader(MjrMediaType.Video, "vp8", 1733352000123456, 1733352000456789), header);
    }

    [Fact]
    public void Header_OpusAudioWithFmtp_IsAudio()
    {
        var (header, _) = MjrHeader.Parse("{\"t\":\"a\",\"c\":\"OPUS\",\"f\":\"minptime=10;useinbandfec=1\",\"s\":1,\"u\":2}");
        Assert.Equal(new MjrHeader(MjrMediaType.Audio, "opus", 1, 2), header);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"t\":\"v\",\"c\":\"vp8\",\"s\":1", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"t\":\"x\",\"c\":\"vp8\",\"s\":1,\"u\":2}", "no media type or codec")]
    [InlineData("{\"t\":\"v\",\"s\":1,\"u\":2}", "no media type or codec")]
    [InlineData("{\"t\":\"v\",\"c\":\"vp8\",\"s\":1}", "no start times")]
    [InlineData("{\"t\":\"v\",\"c\":\"vp8\",\"s\":1,\"u\":\"2\"}", "no start times")]
    [InlineData("{\"t\":\"a\",\"c\":\"opus\",\"s\":1,\"u\":2,\"e\":true}", "end-to-end encrypted")]
    public void Header_Unusable_SaysWhy(string json, string reason)
    {
        var (header, problem) = MjrHeader.Parse(json);
        Assert.Null(header);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FileName_AsJanusNamesIt_GivesParticipantSegmentTypeAndMIndex()
    {
        var id = Guid.Parse("0197a0b2-1111-7000-8000-000000000001");
        Assert.Equal(new MjrFileName(id, 3, MjrMediaType.Video, 1), MjrFileName.Parse($"{id:N}-3-video-1.mjr"));
        Assert.Equal(new MjrFileName(id, 0, MjrMediaType.Audio, 0), MjrFileName.Parse($"{id:N}-0-audio-0.mjr"));
    }

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("0197a0b2111170008000000000000001-0-video-1.webm")]
    [InlineData("0197a0b2-1111-7000-8000-000000000001-0-video-1.mjr")]
    [InlineData("0197A0B2111170008000000000000001-0-video-1.mjr")]
    [InlineData("0197a0b2111170008000000000000001-video-1.mjr")]
    [InlineData("0197a0b2111170008000000000000001-0-screen-1.mjr")]
    public void FileName_NotARecordedStream_IsNull(string name) => Assert.Null(MjrFileName.Parse(name));
}
