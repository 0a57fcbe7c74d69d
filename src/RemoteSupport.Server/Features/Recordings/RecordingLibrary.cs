using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Recordings;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Recordings;

/// What BeginAsync made: the row's id, the folder the media server writes into, and the time it started.
public sealed record RecordingStart(Guid RecordingId, string Folder, DateTimeOffset StartedAt)
{
    /// The absolute base name to give Janus for one publisher ("filename" of the VideoRoom's publish/configure) when the room
    /// has no "rec_dir"; Janus appends "-audio-&lt;mindex&gt;.mjr" and "-video-&lt;mindex&gt;.mjr". A participant who publishes
    /// again takes the next segment. (Janus' recorder refuses an absolute filename combined with a room rec_dir: with rec_dir
    /// set to Folder, pass FileName instead.)
    public string FileBase(Guid participantId, int segment) => Path.Combine(Folder, FileName(participantId, segment));

    /// The base name relative to Folder, for a room whose "rec_dir" is Folder.
    public static string FileName(Guid participantId, int segment) => $"{participantId:N}-{segment}";
}

/// The conversion queue between RecordingLibrary.StopAsync (and start-up recovery) and RecordingProcessor.
public sealed class RecordingQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = false });

    public void Enqueue(Guid recordingId) => _channel.Writer.TryWrite(recordingId);

    public ChannelReader<Guid> Reader => _channel.Reader;
}

/// The call code's way into recordings: start one (row, folder, manifest), add participants as they publish, stop it (the
/// conversion is queued). A singleton; each call uses its own database scope.
public sealed class RecordingLibrary(
    IServiceScopeFactory scopes, RecordingFolders folders, RecordingQueue queue, TimeProvider time, ILogger<RecordingLibrary> logger)
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _manifestLocks = new();

    /// Creates the row (status Recording), the 0700 folder and its manifest. Throws InvalidOperationException when the call is
    /// not one of the organisation's or is being recorded already (ask ActiveForCallAsync first).
    public async Task<RecordingStart> BeginAsync(
        Guid organizationId, Guid callId, Guid startedByUserId, string startedByName, IEnumerable<RecordedParticipant> participants, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.CallSessions.AnyAsync(c => c.Id == callId && c.OrganizationId == organizationId, ct))
        {
            throw new InvalidOperationException($"Call {callId} is not a call of organisation {organizationId}.");
        }

        if (await db.Recordings.AnyAsync(r => r.CallId == callId && r.Status == RecordingStatus.Recording, ct))
        {
            throw new InvalidOperationException($"Call {callId} is being recorded already.");
        }

        var now = time.GetUtcNow();
        var recording = new Recording
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            CallId = callId,
            StartedById = startedByUserId,
            StartedByName = startedByName.Length > 200 ? startedByName[..200] : startedByName,
            StartedAt = now,
            Status = RecordingStatus.Recording,
        };
        var folder = folders.For(recording.Id);
        PrivateFolder.Create(folders.Root);
        PrivateFolder.Create(folder);
        var manifest = new RecordingManifest(
            RecordingManifest.CurrentVersion, recording.Id, organizationId, callId, startedByUserId, recording.StartedByName, now, [.. participants]);
        await manifest.WriteAsync(folder, ct);

        db.Recordings.Add(recording);
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Record(
            organizationId, RecordingAuditActions.Started, $"{recording.Id}", $"call {callId}", startedByUserId, recording.StartedByName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            RecordingFolders.Delete(folder);
            throw;
        }

        RecordingsLog.Started(logger, recording.Id, callId, organizationId);
        return new RecordingStart(recording.Id, folder, now);
    }

    /// Adds (or updates, by ParticipantId) someone who publishes into the recording; their streams are converted with it.
    public async Task AddParticipantAsync(Guid recordingId, RecordedParticipant participant, CancellationToken ct = default)
    {
        var folder = folders.For(recordingId);
        var gate = _manifestLocks.GetOrAdd(recordingId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var manifest = await RecordingManifest.ReadAsync(folder, ct)
                ?? throw new InvalidOperationException($"Recording {recordingId} has no manifest in {folder}.");
            await manifest.With(participant).WriteAsync(folder, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// Marks the recording stopped (status Processing) and queues its conversion. Call it once Janus has closed the files (after
    /// unpublishing or "enable_recording": false). A recording that is not Recording any more is left as it is.
    public async Task StopAsync(Guid recordingId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var recording = await db.Recordings.FirstOrDefaultAsync(r => r.Id == recordingId, ct);
        if (recording is null || recording.Status != RecordingStatus.Recording)
        {
            return;
        }

        recording.Status = RecordingStatus.Processing;
        recording.StoppedAt = time.GetUtcNow();
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Record(recording.OrganizationId, RecordingAuditActions.Stopped, $"{recording.Id}", $"call {recording.CallId}");
        await db.SaveChangesAsync(ct);
        _manifestLocks.TryRemove(recordingId, out _);
        RecordingsLog.Stopped(logger, recordingId);
        queue.Enqueue(recordingId);
    }

    /// The call's recording in progress, if any.
    public async Task<Recording?> ActiveForCallAsync(Guid callId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Recordings.AsNoTracking()
            .FirstOrDefaultAsync(r => r.CallId == callId && r.Status == RecordingStatus.Recording, ct);
    }

    /// The folder of a recording (raw files until it is converted).
    public string FolderOf(Guid recordingId) => folders.For(recordingId);
}

/// The audit actions of recordings. Targets are recording ids; never content.
public static class RecordingAuditActions
{
    public const string Started = "recording.started";
    public const string Stopped = "recording.stopped";
    public const string Ready = "recording.ready";
    public const string Failed = "recording.failed";
    public const string Viewed = "recording.viewed";
    public const string Downloaded = "recording.downloaded";
}
