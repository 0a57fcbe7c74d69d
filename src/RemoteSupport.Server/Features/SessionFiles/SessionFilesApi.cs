using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.SessionFiles;
using RemoteSupport.Server.Features.Accounts;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Features.SessionFiles;

/// Snapshots, annotated images, photos and documents of calls, and the organisation's document library. Content is served
/// only here, after checking who asks; another organisation's ids answer 404, as do calls the caller takes no part in.
public static class SessionFilesApi
{
    public static void MapSessionFilesApi(this IEndpointRouteBuilder app)
    {
        // Portal users and paired devices (the glass app uploads snapshots and shows documents).
        var shared = app.MapGroup("/api").WithTags("SessionFiles").RequireAuthorization(CallsRegistration.HubPolicy);
        shared.MapPost("/calls/{callId:guid}/files", UploadToCallAsync);
        shared.MapGet("/calls/{callId:guid}/files", ListCallAsync);
        shared.MapGet("/files/limits", Limits);
        shared.MapGet("/files/{id:guid}", GetAsync);
        shared.MapGet("/files/{id:guid}/content", ContentAsync);
        shared.MapGet("/files/{id:guid}/thumbnail", ThumbnailAsync);

        var experts = app.MapGroup("/api").WithTags("SessionFiles").RequireAuthorization(PortalAuth.ExpertPolicy);
        experts.MapPost("/calls/{callId:guid}/files/from-library/{documentId:guid}", ShareFromLibraryAsync);
        experts.MapGet("/library/documents", ListLibraryAsync);
        experts.MapPost("/library/documents", UploadToLibraryAsync);
        experts.MapDelete("/library/documents/{id:guid}", DeleteLibraryAsync);
    }

    private static async Task<Results<Created<SessionFileInfo>, NotFound, ValidationProblem, ProblemHttpResult>> UploadToCallAsync(
        Guid callId, string? kind, Guid? sourceFileId, HttpContext context, AppDbContext db, SessionFileStore store, TimeProvider time,
        IOptions<SessionFilesOptions> options, CancellationToken ct)
    {
        var me = FileActor.From(context.User);
        var call = await db.CallSessions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId && c.OrganizationId == me.OrganizationId, ct);
        if (call is null || !me.TakesPartIn(call))
        {
            return TypedResults.NotFound();
        }

        var errors = new ValidationErrors();
        SessionFileKind parsed = default;
        if (!Enum.TryParse(kind, ignoreCase: true, out parsed) || !Enum.IsDefined(parsed) || int.TryParse(kind, out _))
        {
            errors.Add("kind", "Use kind=Snapshot, Photo, AnnotatedImage or Document.");
        }
        else if (sourceFileId is not null && parsed != SessionFileKind.AnnotatedImage)
        {
            errors.Add("sourceFileId", "Only an annotated image names a source file.");
        }

        if (sourceFileId is not null && !await db.SessionFiles.AnyAsync(f => f.Id == sourceFileId && f.CallId == callId && f.OrganizationId == me.OrganizationId, ct))
        {
            errors.Add("sourceFileId", "The source file is not a file of this call.");
        }

        var open = call.State == CallState.Active
            || (call.State == CallState.Ended && call.AnsweredAt is not null && call.EndedAt + options.Value.UploadGraceAfterCallEnd >= time.GetUtcNow());
        if (!open)
        {
            errors.Add("callId", $"Files can be added during a call and up to {options.Value.UploadGraceAfterCallEnd.TotalMinutes:0} minutes after it ended.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        return ToResult(await store.StoreUploadAsync(context, me, new FileTarget(me.OrganizationId, callId, parsed, sourceFileId), ct));
    }

    private static async Task<Results<Created<SessionFileInfo>, NotFound, ValidationProblem, ProblemHttpResult>> UploadToLibraryAsync(
        HttpContext context, SessionFileStore store, CancellationToken ct)
    {
        var me = FileActor.From(context.User);
        return ToResult(await store.StoreUploadAsync(context, me, new FileTarget(me.OrganizationId, null, SessionFileKind.Document, null), ct));
    }

    private static async Task<Results<Created<SessionFileInfo>, NotFound>> ShareFromLibraryAsync(
        Guid callId, Guid documentId, HttpContext context, AppDbContext db, SessionFileStore store, CancellationToken ct)
    {
        var me = FileActor.From(context.User);
        var call = await db.CallSessions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId && c.OrganizationId == me.OrganizationId, ct);
        var document = await db.SessionFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == documentId && f.OrganizationId == me.OrganizationId && f.CallId == null, ct);
        if (call is null || !me.TakesPartIn(call) || call.State != CallState.Active || document is null)
        {
            return TypedResults.NotFound();
        }

        var file = await store.CopyToCallAsync(document, callId, me, ct);
        return file is null ? TypedResults.NotFound() : TypedResults.Created($"/api/files/{file.Id}", file.ToInfo());
    }

    private static async Task<Results<Ok<SessionFileInfo[]>, NotFound>> ListCallAsync(Guid callId, HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var me = FileActor.From(context.User);
        var call = await db.CallSessions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId && c.OrganizationId == me.OrganizationId, ct);
        if (call is null || !me.MaySee(call))
        {
            return TypedResults.NotFound();
        }

        var files = await db.SessionFiles.AsNoTracking().Where(f => f.CallId == callId && f.OrganizationId == me.OrganizationId)
            .OrderBy(f => f.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(files.Select(f => f.ToInfo()).ToArray());
    }

    private static async Task<Ok<SessionFileInfo[]>> ListLibraryAsync(HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var files = await db.SessionFiles.AsNoTracking().Where(f => f.OrganizationId == orgId && f.CallId == null)
            .OrderByDescending(f => f.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(files.Select(f => f.ToInfo()).ToArray());
    }

    private static async Task<Results<NoContent, NotFound>> DeleteLibraryAsync(
        Guid id, HttpContext context, AppDbContext db, IBlobStore blobs, AuditTrail audit, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var file = await db.SessionFiles.FirstOrDefaultAsync(f => f.Id == id && f.OrganizationId == orgId && f.CallId == null, ct);
        if (file is null)
        {
            return TypedResults.NotFound();
        }

        // Row first: should the object's removal fail, an orphan object is unreadable garbage, while a row without its object is a broken link.
        db.SessionFiles.Remove(file);
        audit.Record(orgId, SessionFileAuditActions.Deleted, $"{file.Id} {file.DisplayName}", $"library, {file.ContentType}, {file.Length} bytes");
        await db.SaveChangesAsync(ct);
        await blobs.DeleteAsync(orgId, file.BlobId, CancellationToken.None);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SessionFileInfo>, NotFound>> GetAsync(Guid id, HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var file = await FindVisibleAsync(id, FileActor.From(context.User), db, ct);
        return file is null ? TypedResults.NotFound() : TypedResults.Ok(file.ToInfo());
    }

    private static async Task<Results<StoredObjectResult, StatusCodeHttpResult, NotFound>> ContentAsync(
        Guid id, HttpContext context, AppDbContext db, IBlobStore blobs, AuditTrail audit, ILogger<SessionFileStore> logger, CancellationToken ct)
    {
        var me = FileActor.From(context.User);
        var file = await FindVisibleAsync(id, me, db, ct);
        if (file is null)
        {
            return TypedResults.NotFound();
        }

        var stored = new StoredObject(file.OrganizationId, file.BlobId, file.Length, file.Sha256, file.ContentType, file.DisplayName, Attachment: false);
        return await StoredObjectResponse.AnswerAsync(context, blobs, stored,
            async range =>
            {
                // A video or PDF viewer asks for many ranges while seeking; one audit line per opening is enough.
                if (range.Start == 0)
                {
                    audit.Record(file.OrganizationId, SessionFileAuditActions.Viewed, $"{file.Id} {file.DisplayName}",
                        $"{file.Kind}, {file.ContentType}" + (me.IsDevice ? ", on a device" : string.Empty));
                    await db.SaveChangesAsync(ct);
                }
            },
            e =>
            {
                if (e is null)
                {
                    SessionFilesLog.BlobMissing(logger, file.Id, file.BlobId, file.OrganizationId);
                }
                else
                {
                    SessionFilesLog.IntegrityFailure(logger, e, file.Id, file.BlobId, file.OrganizationId);
                }
            },
            ct);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> ThumbnailAsync(
        Guid id, HttpContext context, AppDbContext db, IBlobStore blobs, ImageProcessor images, ILogger<SessionFileStore> logger, CancellationToken ct)
    {
        var file = await FindVisibleAsync(id, FileActor.From(context.User), db, ct);
        if (file is null || !file.IsImage)
        {
            return TypedResults.NotFound();
        }

        try
        {
            await using var content = await blobs.OpenReadAsync(file.OrganizationId, file.BlobId, ct);
            if (content is null)
            {
                SessionFilesLog.BlobMissing(logger, file.Id, file.BlobId, file.OrganizationId);
                return TypedResults.NotFound();
            }

            // The codec needs to seek; stored images are re-encoded ones, of moderate size.
            using var buffered = new MemoryStream(checked((int)file.Length));
            await content.CopyToAsync(buffered, ct);
            buffered.Position = 0;
            var thumbnail = await images.ThumbnailAsync(buffered, ct);
            return thumbnail is null ? TypedResults.NotFound() : TypedResults.File(thumbnail, "image/jpeg", entityTag: null);
        }
        catch (BlobIntegrityException e)
        {
            SessionFilesLog.IntegrityFailure(logger, e, file.Id, file.BlobId, file.OrganizationId);
            return TypedResults.NotFound();
        }
    }

    private static Ok<SessionFileLimits> Limits(IOptions<SessionFilesOptions> options) => TypedResults.Ok(new SessionFileLimits(
        options.Value.MaxUploadBytes, options.Value.MaxImagePixels, FileTypes.All.Select(t => t.ContentType).ToArray(), FileTypes.Accepted));

    /// The file when this caller may see it; null (answered 404) for other organisations' files and for files they may not see.
    private static async Task<SessionFile?> FindVisibleAsync(Guid id, FileActor me, AppDbContext db, CancellationToken ct)
    {
        var file = await db.SessionFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.OrganizationId == me.OrganizationId, ct);
        if (file is null)
        {
            return null;
        }

        if (file.CallId is not { } callId)
        {
            return me.MaySeeLibrary(file.OrganizationId) ? file : null;
        }

        var call = await db.CallSessions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
        return call is not null && me.MaySee(call) ? file : null;
    }

    private static Results<Created<SessionFileInfo>, NotFound, ValidationProblem, ProblemHttpResult> ToResult((SessionFile? File, UploadProblem? Problem) outcome) =>
        outcome switch
        {
            ({ } file, _) => TypedResults.Created($"/api/files/{file.Id}", file.ToInfo()),
            (_, { Status: StatusCodes.Status413PayloadTooLarge } p) => TypedResults.Problem(statusCode: p.Status, title: "The file is too large.", detail: p.Message),
            (_, { } p) => TypedResults.ValidationProblem(new ValidationErrors().Add(p.Field, p.Message).ToDictionary()),
            _ => throw new InvalidOperationException("An upload outcome has a file or a problem."),
        };
}
