using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Recordings;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Recordings;

/// At start, before anything records: finishes what the last run left. A recording still Recording (the server, and Janus
/// with it, stopped mid-call) is converted from what was saved and says so in its note; one still Processing is converted
/// again from scratch (the work folder of an interrupted conversion is removed first); a Ready recording whose raw folder
/// survived loses it; a folder with media and a manifest but no row gets its row back. Nothing is deleted unconverted.
internal sealed class RecordingRecovery(
    IServiceScopeFactory scopes, RecordingFolders folders, RecordingQueue queue, TimeProvider time, ILogger<RecordingRecovery> logger) : IHostedService
{
    public const string InterruptedNote = "The server stopped while recording; this is what was saved up to then.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var id in folders.Existing())
        {
            RecordingFolders.DeleteWork(folders.For(id));
        }

        var open = await db.Recordings.Where(r => r.Status == RecordingStatus.Recording || r.Status == RecordingStatus.Processing).ToListAsync(cancellationToken);
        foreach (var recording in open)
        {
            RecordingsLog.Recovered(logger, recording.Id, recording.Status, "converting what was saved");
            if (recording.Status == RecordingStatus.Recording)
            {
                recording.Status = RecordingStatus.Processing;
                recording.StoppedAt = LastWrite(folders.For(recording.Id)) ?? time.GetUtcNow();
                recording.AddNote(InterruptedNote);
            }
        }

        var known = await db.Recordings.Select(r => new { r.Id, r.Status }).ToDictionaryAsync(r => r.Id, r => r.Status, cancellationToken);
        var adopted = new List<Recording>();
        foreach (var id in folders.Existing())
        {
            var folder = folders.For(id);
            if (known.TryGetValue(id, out var status))
            {
                if (status == RecordingStatus.Ready)
                {
                    // Stored and saved, then stopped before the raw folder was removed.
                    RecordingFolders.Delete(folder);
                    RecordingsLog.Recovered(logger, id, status, "removed the raw files left behind");
                }

                continue;
            }

            if (!RecordingFolders.HasMedia(folder))
            {
                continue;
            }

            var manifest = await RecordingManifest.ReadAsync(folder, cancellationToken);
            if (manifest is null || manifest.RecordingId != id
                || !await db.CallSessions.AnyAsync(c => c.Id == manifest.CallId && c.OrganizationId == manifest.OrganizationId, cancellationToken))
            {
                RecordingsLog.Orphan(logger, folder);
                continue;
            }

            var recording = new Recording
            {
                Id = id,
                OrganizationId = manifest.OrganizationId,
                CallId = manifest.CallId,
                StartedById = manifest.StartedById,
                StartedByName = manifest.StartedByName,
                StartedAt = manifest.StartedAt,
                StoppedAt = LastWrite(folder) ?? time.GetUtcNow(),
                Status = RecordingStatus.Processing,
            };
            recording.AddNote(InterruptedNote);
            db.Recordings.Add(recording);
            adopted.Add(recording);
            RecordingsLog.Recovered(logger, id, RecordingStatus.Recording, "found raw files without a row; converting them");
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var recording in open.Concat(adopted).OrderBy(r => r.StartedAt))
        {
            queue.Enqueue(recording.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static DateTimeOffset? LastWrite(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.mjr*").Select(f => (DateTimeOffset?)File.GetLastWriteTimeUtc(f)).Max()
            : null;
}
