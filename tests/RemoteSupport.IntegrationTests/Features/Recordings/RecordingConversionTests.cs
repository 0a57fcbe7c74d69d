using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Contracts.Audit;
using RemoteSupport.Contracts.Recordings;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Features.SessionFiles;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Features.Recordings;

namespace RemoteSupport.IntegrationTests.Features.Recordings;

/// From a folder of real .mjr files to an encrypted, playable WebM, with the real janus-pp-rec, ffmpeg and ffprobe.
public sealed class RecordingConversionTests
{
    [Fact]
    public async Task Stop_WithTechnicianVideoAndTwoVoices_GivesOneEncryptedWebMOfTheRecordedSpan()
    {
        await using var scene = await CallScene.CreateAsync();
        var (callId, organizationId) = await scene.AddCallAsync();
        var start = await scene.Factory.BeginAsync(organizationId, callId, scene.ExpertId, scene.TechnicianId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(start.Folder));
        }

        // Technician: camera and voice for 10 s from 0; expert: voice from 2 s for 10 s, so the span is 12 s only when the
        // expert's offset is applied; plus the expert's webcam.
        await MjrFixtures.WriteCallAsync(start.Folder, scene.TechnicianId, scene.ExpertId, 10, 2, 10, expertWebcam: true, startUs: 1_700_000_000_000_000);
        // A recorder Janus opened that never got a packet: only the magic.
        await File.WriteAllBytesAsync(Path.Combine(start.Folder, $"{Guid.NewGuid():N}-0-video-1.mjr"), "MJR00002"u8.ToArray());
        var library = scene.Factory.Services.GetRequiredService<RecordingLibrary>();
        Assert.Equal(start.RecordingId, (await library.ActiveForCallAsync(callId))?.Id);
        await library.StopAsync(start.RecordingId);

        var row = await scene.Factory.SettledAsync(start.RecordingId);
        Assert.True(row.Status == RecordingStatus.Ready, $"Status {row.Status}: {row.FailureReason}");
        Assert.False(Directory.Exists(start.Folder), "The raw folder is deleted once stored.");
        Assert.InRange(row.DurationMs!.Value, 10_500, 13_500);

        var list = await scene.Expert.Http.GetJsonAsync<RecordingInfo[]>($"/api/calls/{callId}/recordings");
        var info = Assert.Single(list);
        Assert.Equal(RecordingStatus.Ready, info.Status);
        using var response = await scene.Expert.Http.GetAsync(info.ContentUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/webm", response.Content.Headers.ContentType?.MediaType);
        var content = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(info.Length, content.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), row.Sha256);

        var probe = await RecordingScene.ProbeAsync(content);
        Assert.Equal(["audio:opus", "video:vp8"], probe.Codecs);
        Assert.Contains("webm", probe.Format, StringComparison.Ordinal);
        Assert.InRange(probe.DurationSeconds, 12 - 1.5, 12 + 1.5);

        Assert.NotNull(info.WebcamUrl);
        var webcam = await RecordingScene.ProbeAsync(await scene.Expert.Http.GetByteArrayAsync(info.WebcamUrl));
        Assert.Equal(["audio:opus", "video:vp8"], webcam.Codecs);

        // Nothing unencrypted left: only blob objects (which are not WebM) remain.
        var blobs = SessionFileScene.Files(Path.Combine(scene.Factory.DataFolder, "blobs"));
        Assert.Equal(2, blobs.Length);
        Assert.All(blobs, b => Assert.Equal("RSB1"u8.ToArray(), File.ReadAllBytes(b)[..4]));
        Assert.Empty(SessionFileScene.Files(Path.Combine(scene.Factory.DataFolder, "recordings")));

        var audit = await scene.Expert.Http.GetJsonAsync<AuditEventResponse[]>("/api/audit");
        Assert.Contains(audit, a => a.Action == RecordingAuditActions.Started && a.Target == $"{start.RecordingId}");
        Assert.Contains(audit, a => a.Action == RecordingAuditActions.Ready && a.Target == $"{start.RecordingId}");
        Assert.Equal(2, audit.Count(a => a.Action == RecordingAuditActions.Viewed && a.Target == $"{start.RecordingId}"));
    }

    [Fact]
    public async Task Stop_VoiceThatStartedLater_IsSilentUntilItsOffset_AndTheVideoStartsWhereItsFirstPacketWas()
    {
        await using var scene = await CallScene.CreateAsync();
        var (callId, organizationId) = await scene.AddCallAsync();
        var start = await scene.Factory.BeginAsync(organizationId, callId, scene.ExpertId, scene.TechnicianId);

        // The technician's camera from 0 s (no microphone), the expert's voice from 3 s, the expert's webcam from 1.5 s.
        const long t0 = 1_700_000_000_000_000;
        MjrFixtures.WriteVideo(await MjrFixtures.VideoAsync(6), Path.Combine(start.Folder, $"{scene.TechnicianId:N}-0-video-1.mjr"), t0);
        MjrFixtures.WriteAudio(await MjrFixtures.AudioAsync(3, 660), Path.Combine(start.Folder, $"{scene.ExpertId:N}-0-audio-0.mjr"), t0 + 3_000_000);
        MjrFixtures.WriteVideo(await MjrFixtures.VideoAsync(4), Path.Combine(start.Folder, $"{scene.ExpertId:N}-0-video-1.mjr"), t0 + 1_500_000);
        await scene.Factory.Services.GetRequiredService<RecordingLibrary>().StopAsync(start.RecordingId);
        var row = await scene.Factory.SettledAsync(start.RecordingId);
        Assert.True(row.Status == RecordingStatus.Ready, $"Status {row.Status}: {row.FailureReason}");
        var info = Assert.Single(await scene.Expert.Http.GetJsonAsync<RecordingInfo[]>($"/api/calls/{callId}/recordings"));

        var main = await scene.Expert.Http.GetByteArrayAsync(info.ContentUrl);
        var silence = await RecordingScene.LeadingSilenceSecondsAsync(main);
        Assert.InRange(silence, 2.9, 3.2);
        Assert.InRange(await RecordingScene.VideoStartSecondsAsync(main), -0.05, 0.1);
        Assert.InRange(await RecordingScene.VideoStartSecondsAsync(await scene.Expert.Http.GetByteArrayAsync(info.WebcamUrl)), 1.4, 1.6);
        Assert.InRange(row.DurationMs!.Value, 6000 - 1500, 6000 + 1500);
    }

    [Fact]
    public async Task Stop_CameraWhoseFirstKeyframeCameLate_StartsWhereThatKeyframeWas()
    {
        await using var scene = await CallScene.CreateAsync();
        var (callId, organizationId) = await scene.AddCallAsync();
        var start = await scene.Factory.BeginAsync(organizationId, callId, scene.ExpertId, scene.TechnicianId);

        // Keyframes every 30 frames: starting at frame 15, the first 0.5 s of packets cannot be decoded and are dropped.
        const long t0 = 1_700_000_000_000_000;
        MjrFixtures.WriteVideo(await MjrFixtures.VideoAsync(4), Path.Combine(start.Folder, $"{scene.TechnicianId:N}-0-video-1.mjr"), t0, skipFrames: 15);
        MjrFixtures.WriteAudio(await MjrFixtures.AudioAsync(4, 440), Path.Combine(start.Folder, $"{scene.TechnicianId:N}-0-audio-0.mjr"), t0);
        await scene.Factory.Services.GetRequiredService<RecordingLibrary>().StopAsync(start.RecordingId);
        var row = await scene.Factory.SettledAsync(start.RecordingId);
        Assert.True(row.Status == RecordingStatus.Ready, $"Status {row.Status}: {row.FailureReason}");

        var content = await scene.Expert.Http.GetByteArrayAsync(Assert.Single(await scene.Expert.Http.GetJsonAsync<RecordingInfo[]>($"/api/calls/{callId}/recordings")).ContentUrl);
        var (first, last) = await RecordingScene.VideoFrameSpanSecondsAsync(content);
        Assert.InRange(first, 0.45, 0.55);
        Assert.InRange(last, 3.3, 3.6);
    }

    [Fact]
    public async Task Stop_CameraPublishedTwice_KeepsTheGapBetweenSegments()
    {
        await using var scene = await CallScene.CreateAsync();
        var (callId, organizationId) = await scene.AddCallAsync();
        var start = await scene.Factory.BeginAsync(organizationId, callId, scene.ExpertId, scene.TechnicianId);

        // Camera 0–4 s, off, then re-published 7–11 s (segment 1); the microphone runs 0–11 s.
        const long t0 = 1_700_000_000_000_000;
        var video = await MjrFixtures.VideoAsync(4);
        MjrFixtures.WriteVideo(video, Path.Combine(start.Folder, $"{scene.TechnicianId:N}-0-video-1.mjr"), t0);
        MjrFixtures.WriteVideo(video, Path.Combine(start.Folder, $"{scene.TechnicianId:N}-1-video-1.mjr"), t0 + 7_000_000);
        MjrFixtures.WriteAudio(await MjrFixtures.AudioAsync(11, 440), Path.Combine(start.Folder, $"{scene.TechnicianId:N}-0-audio-0.mjr"), t0);
        await scene.Factory.Services.GetRequiredService<RecordingLibrary>().StopAsync(start.RecordingId);
        var row = await scene.Factory.SettledAsync(start.RecordingId);
        Assert.True(row.Status == RecordingStatus.Ready, $"Status {row.Status}: {row.FailureReason}");

        var content = await scene.Expert.Http.GetByteArrayAsync(Assert.Single(await scene.Expert.Http.GetJsonAsync<RecordingInfo[]>($"/api/calls/{callId}/recordings")).ContentUrl);
        var (first, last) = await RecordingScene.VideoFrameSpanSecondsAsync(content);
        Assert.InRange(first, -0.05, 0.1);
        Assert.InRange(last, 11 - 0.5, 11 + 0.2);
        Assert.InRange(row.DurationMs!.Value, 11_000 - 1500, 11_000 + 1500);
    }

    [Fact]
    public async Task Stop_WithACorruptStream_IsFailedWithReason_AndKeepsTheRawFiles()
    {
        await using var scene = await CallScene.CreateAsync();
        var (callId, organizationId) = await scene.AddCallAsync();
        var start = await scene.Factory.BeginAsync(organizationId, callId, scene.ExpertId, scene.TechnicianId);
        await MjrFixtures.WriteCallAsync(start.Folder, scene.TechnicianId, scene.ExpertId, 4, 1, 3, expertWebcam: false, startUs: 1_700_000_000_000_000);
        var corrupt = Path.Combine(start.Folder, $"{scene.ExpertId:N}-1-video-1.mjr");
        await File.WriteAllBytesAsync(corrupt, [.. "NOTANMJRFILE"u8, .. new byte[500]]);
        var before = Directory.GetFiles(start.Folder).Order(StringComparer.Ordinal).ToArray();

        await scene.Factory.Services.GetRequiredService<RecordingLibrary>().StopAsync(start.RecordingId);
        var row = await scene.Factory.SettledAsync(start.RecordingId);

        Assert.Equal(RecordingStatus.Failed, row.Status);
        Assert.Contains(Path.GetFileName(corrupt), row.FailureReason, StringComparison.Ordinal);
        Assert.Contains("raw files are kept", row.FailureReason, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(start.Folder).Order(StringComparer.Ordinal).ToArray());
        Assert.False(Directory.Exists(RecordingConverter.WorkFolder(start.Folder)), "No converted (unencrypted) output is left behind.");

        var info = Assert.Single(await scene.Expert.Http.GetJsonAsync<RecordingInfo[]>($"/api/calls/{callId}/recordings"));
        Assert.Equal(RecordingStatus.Failed, info.Status);
        Assert.Equal(row.FailureReason, info.FailureReason);
        Assert.Null(info.ContentUrl);
        using var content = await scene.Expert.Http.GetAsync($"/api/recordings/{info.Id}/content");
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
    }
}
