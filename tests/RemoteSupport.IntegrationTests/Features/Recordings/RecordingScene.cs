using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Recordings;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Features.Recordings;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.IntegrationTests.Features.Recordings;

/// What the recording tests do: start a recording through RecordingLibrary as the call code does, let "Janus" (MjrFixtures)
/// fill its folder, stop it, wait for the processor, and look at the result with ffprobe.
public static class RecordingScene
{
    public static RecordedParticipant Technician(Guid id) => new(id, "Tess Technician", true, "Technician");

    public static RecordedParticipant Expert(Guid id) => new(id, "Ada Lovelace", false, "OrgAdmin");

    /// A call of the scene's organisation between its expert and technician, saved as the call code saves one. Written
    /// directly: these tests are about recordings, not about ringing (and must not depend on presence timing).
    public static async Task<(Guid CallId, Guid OrganizationId)> AddCallAsync(this CallScene scene)
    {
        var me = await scene.Expert.Http.GetJsonAsync<CurrentUserResponse>("/api/auth/me");
        var now = scene.Factory.Time.GetUtcNow();
        var call = new CallSession
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = me.OrganizationId,
            CallerId = scene.ExpertId,
            CalleeId = scene.TechnicianId,
            State = CallState.Active,
            StartedAt = now,
            AnsweredAt = now,
        };
        using var scope = scene.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.CallSessions.Add(call);
        await db.SaveChangesAsync();
        return (call.Id, me.OrganizationId);
    }

    public static Task<RecordingStart> BeginAsync(this RemoteSupportFactory factory, Guid organizationId, Guid callId, Guid expertId, Guid technicianId) =>
        factory.Services.GetRequiredService<RecordingLibrary>().BeginAsync(organizationId, callId, expertId, "Ada Lovelace", [Expert(expertId), Technician(technicianId)], CancellationToken.None);

    public static async Task<Recording> RowAsync(this RemoteSupportFactory factory, Guid recordingId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Recordings.AsNoTracking().SingleAsync(r => r.Id == recordingId);
    }

    /// Waits until the recording is Ready (and its raw folder, deleted right after the row is saved, is gone) or Failed
    /// (real tools: up to a minute on a busy machine).
    public static async Task<Recording> SettledAsync(this RemoteSupportFactory factory, Guid recordingId)
    {
        var folder = factory.Services.GetRequiredService<RecordingLibrary>().FolderOf(recordingId);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var row = await factory.RowAsync(recordingId);
            var done = row.Status == RecordingStatus.Failed || (row.Status == RecordingStatus.Ready && !Directory.Exists(folder));
            if (done || deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                return row;
            }

            await Task.Delay(100);
        }
    }

    /// Where the audio first rises above -50 dB (ffmpeg silencedetect), in seconds from the start of the file.
    public static async Task<double> LeadingSilenceSecondsAsync(byte[] content)
    {
        var (_, error) = await RunOnFileAsync(content, "ffmpeg", ["-hide_banner", "-nostdin", "-i", "{file}", "-map", "0:a", "-af", "silencedetect=noise=-50dB:d=0.2", "-f", "null", "-"]);
        var start = System.Text.RegularExpressions.Regex.Match(error, @"silence_start: (-?[\d.]+)");
        var end = System.Text.RegularExpressions.Regex.Match(error, @"silence_end: ([\d.]+)");
        Assert.True(start.Success && end.Success, $"No leading silence found: {error}");
        Assert.InRange(double.Parse(start.Groups[1].Value, CultureInfo.InvariantCulture), -0.1, 0.1);
        return double.Parse(end.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// The start time of the first video stream.
    public static async Task<double> VideoStartSecondsAsync(byte[] content)
    {
        var (output, _) = await RunOnFileAsync(content, "ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=start_time", "-of", "default=nw=1:nk=1", "{file}"]);
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    /// Time stamps of the first and the last video frame.
    public static async Task<(double First, double Last)> VideoFrameSpanSecondsAsync(byte[] content)
    {
        var (output, _) = await RunOnFileAsync(content, "ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0", "{file}"]);
        var times = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.Parse(t.TrimEnd(','), CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(times);
        return (times.Min(), times.Max());
    }

    private static async Task<(string Output, string Error)> RunOnFileAsync(byte[] content, string program, string[] arguments)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rs-probe-{Guid.NewGuid():N}.webm");
        await File.WriteAllBytesAsync(path, content);
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in arguments)
            {
                start.ArgumentList.Add(a == "{file}" ? path : a);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
            return (await output, await error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public sealed record Probe(string[] Codecs, double DurationSeconds, string Format);

    public static async Task<Probe> ProbeAsync(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rs-probe-{Guid.NewGuid():N}.webm");
        await File.WriteAllBytesAsync(path, content);
        try
        {
            var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])["-v", "error", "-show_entries", "stream=codec_type,codec_name:format=duration,format_name", "-of", "json", path])
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"ffprobe failed: {error}");
            using var json = JsonDocument.Parse(output);
            var codecs = json.RootElement.GetProperty("streams").EnumerateArray()
                .Select(s => $"{s.GetProperty("codec_type").GetString()}:{s.GetProperty("codec_name").GetString()}").Order(StringComparer.Ordinal).ToArray();
            var format = json.RootElement.GetProperty("format");
            return new Probe(codecs, double.Parse(format.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture), format.GetProperty("format_name").GetString()!);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
