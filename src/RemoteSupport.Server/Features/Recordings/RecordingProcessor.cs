using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Contracts.Recordings;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Recordings;

/// Converts stopped recordings from the queue: .mjr → WebM (RecordingConverter) → encrypted blob store → row Ready → raw folder
/// deleted. A recording that cannot be converted is Failed with its reason and keeps its raw files; one interrupted by a
/// shutdown stays Processing and is redone at the next start (RecordingRecovery queues it again).
public sealed class RecordingProcessor(
    RecordingQueue queue, IServiceScopeFactory scopes, RecordingFolders folders, RecordingConverter converter, IBlobStore blobs,
    IOptions<RecordingsOptions> options, ILogger<RecordingProcessor> logger) : BackgroundService
{
    public const string ContentType = "video/webm";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentConversions).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await foreach (var id in queue.Reader.ReadAllAsync(ct))
            {
                try
                {
                    await ProcessAsync(id, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e)
                {
                    // Storing or saving failed (disk full, database down): the row stays Processing and the next start retries.
                    RecordingsLog.Crashed(logger, e, id, folders.For(id));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// Converts and stores one recording in status Processing; anything else is left alone.
    public async Task ProcessAsync(Guid recordingId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var recording = await db.Recordings.FirstOrDefaultAsync(r => r.Id == recordingId, ct);
        if (recording is not { Status: RecordingStatus.Processing })
        {
            return;
        }

        var folder = folders.For(recordingId);
        ConversionOutput output;
        try
        {
            if (!RecordingFolders.HasMedia(folder))
            {
                throw new RecordingConversionException("No recorded audio or video was found on the server.");
            }

            var manifest = await RecordingManifest.ReadAsync(folder, ct)
                ?? throw new RecordingConversionException("The recording's manifest is missing or unreadable. The raw files are kept on the server.");
            output = await converter.ConvertAsync(recordingId, folder, manifest.Participants, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            RecordingFolders.DeleteWork(folder);
            throw;
        }
        catch (Exception e)
        {
            var reason = e is RecordingConversionException
                ? e.Message
                : $"The conversion failed unexpectedly ({e.GetType().Name}). The raw files are kept on the server.";
            if (e is not RecordingConversionException)
            {
                RecordingsLog.Crashed(logger, e, recordingId, folder);
            }

            RecordingFolders.DeleteWork(folder);
            recording.Fail(reason);
            audit.Record(recording.OrganizationId, RecordingAuditActions.Failed, $"{recording.Id}", recording.FailureReason);
            await db.SaveChangesAsync(CancellationToken.None);
            RecordingsLog.Failed(logger, recordingId, folder, reason);
            return;
        }

        BlobInfo? main = null, webcam = null;
        try
        {
            main = await PutAsync(recording.OrganizationId, output.MainPath, ct);
            webcam = output.WebcamPath is null ? null : await PutAsync(recording.OrganizationId, output.WebcamPath, ct);
            recording.Status = RecordingStatus.Ready;
            recording.BlobId = main.Id;
            recording.Length = main.Length;
            recording.Sha256 = main.Sha256;
            recording.ContentType = ContentType;
            recording.DurationMs = output.DurationMs;
            recording.WebcamBlobId = webcam?.Id;
            recording.WebcamLength = webcam?.Length;
            recording.WebcamSha256 = webcam?.Sha256;
            if (output.Plan.Skipped.Count > 0)
            {
                recording.AddNote($"Not included: {string.Join("; ", output.Plan.Skipped)}.");
            }

            audit.Record(recording.OrganizationId, RecordingAuditActions.Ready, $"{recording.Id}",
                $"call {recording.CallId}, {output.DurationMs} ms, {main.Length} bytes" + (webcam is null ? string.Empty : $", webcam {webcam.Length} bytes"));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch
        {
            // No object without its row; the row stays Processing and the conversion is redone at the next start.
            RecordingFolders.DeleteWork(folder);
            foreach (var blob in new[] { main, webcam })
            {
                if (blob is not null)
                {
                    await blobs.DeleteAsync(recording.OrganizationId, blob.Id, CancellationToken.None);
                }
            }

            throw;
        }

        RecordingFolders.Delete(folder);
        RecordingsLog.Stored(logger, recordingId, main.Length, webcam?.Length);
    }

    private async Task<BlobInfo> PutAsync(Guid organizationId, string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await blobs.PutAsync(organizationId, file, ContentType, ct);
    }
}
