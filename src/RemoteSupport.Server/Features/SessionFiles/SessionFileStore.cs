using System.Diagnostics;
using RemoteSupport.Contracts.SessionFiles;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.SessionFiles;

/// The audit actions of this feature. Targets are file ids and display names; never content.
public static class SessionFileAuditActions
{
    public const string Uploaded = "file.uploaded";
    public const string Viewed = "file.viewed";
    public const string Deleted = "file.deleted";
    public const string Shared = "file.shared";
}

/// Where a new file goes.
public sealed record FileTarget(Guid OrganizationId, Guid? CallId, SessionFileKind Kind, Guid? SourceFileId);

/// Receives an upload, decides its type from its content, re-encodes images, and stores it encrypted with its row and audit
/// line. A refused upload leaves nothing behind: no object, no row, no temp file.
public sealed class SessionFileStore(
    UploadReceiver receiver, ImageProcessor images, IBlobStore blobs, AppDbContext db, AuditTrail audit, TimeProvider time,
    ILogger<SessionFileStore> logger)
{
    public async Task<(SessionFile? File, UploadProblem? Problem)> StoreUploadAsync(HttpContext context, FileActor actor, FileTarget target, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var (upload, problem) = await receiver.ReceiveAsync(context, ct);
        if (upload is null)
        {
            return Refuse(target, problem!);
        }

        await using (upload)
        {
            var head = new byte[FileTypes.HeaderBytes];
            var headLength = await upload.File.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            upload.File.Position = 0;
            var type = FileTypes.Detect(head.AsSpan(0, headLength));
            if (type is null)
            {
                return Refuse(target, new UploadProblem(400, UploadReceiver.FilePart, "This file type is not accepted. " + FileTypes.Accepted));
            }

            if (target.Kind != SessionFileKind.Document && !type.IsImage)
            {
                return Refuse(target, new UploadProblem(400, UploadReceiver.FilePart, $"A {Describe(target.Kind)} must be a JPEG, PNG or WebP image."));
            }

            BlobInfo blob;
            int? width = null, height = null;
            if (type.IsImage)
            {
                await using var clean = receiver.CreateTempFile();
                var (image, refusal) = await images.SanitizeAsync(upload.File, type, clean, ct);
                if (image is null)
                {
                    return Refuse(target, new UploadProblem(400, UploadReceiver.FilePart, refusal!.Message));
                }

                (width, height) = (image.Width, image.Height);
                clean.Position = 0;
                blob = await blobs.PutAsync(target.OrganizationId, clean, type.ContentType, ct);
            }
            else
            {
                blob = await blobs.PutAsync(target.OrganizationId, upload.File, type.ContentType, ct);
            }

            var file = new SessionFile
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                OrganizationId = target.OrganizationId,
                CallId = target.CallId,
                Kind = target.Kind,
                ContentType = type.ContentType,
                DisplayName = DisplayNames.Sanitize(upload.FileName, type, target.Kind),
                BlobId = blob.Id,
                Length = blob.Length,
                Sha256 = blob.Sha256,
                Width = width,
                Height = height,
                SourceFileId = target.SourceFileId,
                CreatedById = actor.UserId,
                CreatedByName = actor.DisplayName,
                CreatedAt = time.GetUtcNow(),
            };
            await SaveAsync(file, SessionFileAuditActions.Uploaded, Details(file, actor), ct);
            SessionFilesLog.Stored(logger, file.Kind, file.Id, file.ContentType, file.Length, file.OrganizationId, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (file, null);
        }
    }

    /// A copy of a library document for a call, so the technician's device can open it (devices see their active call's files
    /// only) and the call keeps it when the library entry is deleted.
    public async Task<SessionFile?> CopyToCallAsync(SessionFile document, Guid callId, FileActor actor, CancellationToken ct)
    {
        BlobInfo blob;
        try
        {
            await using var source = await blobs.OpenReadAsync(document.OrganizationId, document.BlobId, ct);
            if (source is null)
            {
                SessionFilesLog.BlobMissing(logger, document.Id, document.BlobId, document.OrganizationId);
                return null;
            }

            blob = await blobs.PutAsync(document.OrganizationId, source, document.ContentType, ct);
        }
        catch (BlobIntegrityException e)
        {
            SessionFilesLog.IntegrityFailure(logger, e, document.Id, document.BlobId, document.OrganizationId);
            return null;
        }

        var file = new SessionFile
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            OrganizationId = document.OrganizationId,
            CallId = callId,
            Kind = SessionFileKind.Document,
            ContentType = document.ContentType,
            DisplayName = document.DisplayName,
            BlobId = blob.Id,
            Length = blob.Length,
            Sha256 = blob.Sha256,
            Width = document.Width,
            Height = document.Height,
            SourceFileId = document.Id,
            CreatedById = actor.UserId,
            CreatedByName = actor.DisplayName,
            CreatedAt = time.GetUtcNow(),
        };
        await SaveAsync(file, SessionFileAuditActions.Shared, $"library document {document.Id} into call {callId}", ct);
        return file;
    }

    private async Task SaveAsync(SessionFile file, string action, string details, CancellationToken ct)
    {
        db.SessionFiles.Add(file);
        audit.Record(file.OrganizationId, action, $"{file.Id} {file.DisplayName}", details);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // No object without its row.
            await blobs.DeleteAsync(file.OrganizationId, file.BlobId, CancellationToken.None);
            throw;
        }
    }

    private (SessionFile?, UploadProblem?) Refuse(FileTarget target, UploadProblem problem)
    {
        SessionFilesLog.Refused(logger, target.OrganizationId, problem.Status, problem.Message);
        return (null, problem);
    }

    private static string Details(SessionFile file, FileActor actor) =>
        $"{file.Kind}, {file.ContentType}, {file.Length} bytes" + (file.CallId is { } call ? $", call {call}" : ", library") + (actor.IsDevice ? ", from a device" : string.Empty);

    private static string Describe(SessionFileKind kind) => kind switch
    {
        SessionFileKind.Snapshot => "snapshot",
        SessionFileKind.AnnotatedImage => "annotated image",
        SessionFileKind.Photo => "photo",
        _ => "document",
    };
}
