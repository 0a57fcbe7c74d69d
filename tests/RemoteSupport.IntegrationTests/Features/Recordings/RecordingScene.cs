using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Contracts.Recordings;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Features.Recordings;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.IntegrationTests.Features.Recordings;

/// What the recording tests do: start a recording through RecordingLibrary as the call code does, let "Janus" (MjrFixtures)
/// fill its folder, stop it, wait for the processor, and look at the result with ffprobe.
public static class RecordingScene
{
    public static RecordedParticipant Technician(Guid id) => new(id, "Tess Technician", true, "Technician");

    public static RecordedParticipant Expert(Guid id) => new(id, "Ada Lovelace", false, "OrgAdmin");

    public static Task<RecordingStart> BeginAsync(this RemoteSupportFactory factory, Guid organizationId, Guid callId, Guid expertId, Guid technicianId) =>
        factory.Services.GetRequiredService<RecordingLibrary>().BeginAsync(organizationId, callId, expertId, "Ada Lovelace", [Expert(expertId), Technician(technicianId)], CancellationToken.None);

    public static async Task<Recording> RowAsync(this RemoteSupportFactory factory, Guid recordingId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Recordings.AsNoTracking().SingleAsync(r => r.Id == recordingId);
    }

    /// Waits until the recording is Ready or Failed (real tools: up to a minute on a busy machine).
    public static async Task<Recording> SettledAsync(this RemoteSupportFactory factory, Guid recordingId)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var row = await factory.RowAsync(recordingId);
            if (row.Status is RecordingStatus.Ready or RecordingStatus.Failed || deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                return row;
            }

            await Task.Delay(100);
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
