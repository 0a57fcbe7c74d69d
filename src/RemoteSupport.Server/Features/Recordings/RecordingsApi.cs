using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Recordings;
using RemoteSupport.Server.Features.Accounts;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Features.SessionFiles;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Recordings;

/// Recordings of calls, for the organisation's experts and admins (technicians and devices get 403). Another organisation's
/// calls and recordings answer 404. Content is decrypted by the server as it streams; every playback and download is audited.
public static class RecordingsApi
{
    public static void MapRecordingsApi(this IEndpointRouteBuilder app)
    {
        var experts = app.MapGroup("/api").WithTags("Recordings").RequireAuthorization(PortalAuth.ExpertPolicy);
        experts.MapGet("/calls/{callId:guid}/recordings", ListAsync);
        experts.MapGet("/recordings/{id:guid}", GetAsync);
        experts.MapGet("/recordings/{id:guid}/content", (Guid id, int? download, HttpContext context, AppDbContext db, IBlobStore blobs, AuditTrail audit,
            ILogger<RecordingProcessor> logger, CancellationToken ct) => ContentAsync(id, webcam: false, download == 1, context, db, blobs, audit, logger, ct));
        experts.MapGet("/recordings/{id:guid}/webcam", (Guid id, int? download, HttpContext context, AppDbContext db, IBlobStore blobs, AuditTrail audit,
            ILogger<RecordingProcessor> logger, CancellationToken ct) => ContentAsync(id, webcam: true, download == 1, context, db, blobs, audit, logger, ct));
    }

    private static async Task<Results<Ok<RecordingInfo[]>, NotFound>> ListAsync(Guid callId, HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        if (!await db.CallSessions.AnyAsync(c => c.Id == callId && c.OrganizationId == orgId, ct))
        {
            return TypedResults.NotFound();
        }

        var recordings = await db.Recordings.AsNoTracking().Where(r => r.CallId == callId && r.OrganizationId == orgId).OrderBy(r => r.StartedAt).ToListAsync(ct);
        return TypedResults.Ok(recordings.Select(r => r.ToInfo()).ToArray());
    }

    private static async Task<Results<Ok<RecordingInfo>, NotFound>> GetAsync(Guid id, HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var recording = await db.Recordings.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == orgId, ct);
        return recording is null ? TypedResults.NotFound() : TypedResults.Ok(recording.ToInfo());
    }

    private static async Task<Results<StoredObjectResult, StatusCodeHttpResult, NotFound>> ContentAsync(
        Guid id, bool webcam, bool download, HttpContext context, AppDbContext db, IBlobStore blobs, AuditTrail audit, ILogger logger, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var recording = await db.Recordings.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == orgId && r.Status == RecordingStatus.Ready, ct);
        var stored = recording switch
        {
            { BlobId: { } main } when !webcam => new StoredObject(orgId, main, recording.Length ?? 0, recording.Sha256 ?? string.Empty,
                RecordingProcessor.ContentType, FileName(recording, false), download),
            { WebcamBlobId: { } cam } when webcam => new StoredObject(orgId, cam, recording.WebcamLength ?? 0, recording.WebcamSha256 ?? string.Empty,
                RecordingProcessor.ContentType, FileName(recording, true), download),
            _ => null,
        };
        if (stored is null)
        {
            return TypedResults.NotFound();
        }

        return await StoredObjectResponse.AnswerAsync(context, blobs, stored,
            async range =>
            {
                // A player asks for many ranges while it plays and seeks; one audit line per opening (no range, or from byte 0).
                if (range.Start == 0)
                {
                    audit.Record(orgId, download ? RecordingAuditActions.Downloaded : RecordingAuditActions.Viewed, $"{id}",
                        $"call {recording!.CallId}, {(webcam ? "webcam" : "recording")}, {stored.Length} bytes");
                    await db.SaveChangesAsync(ct);
                }
            },
            e =>
            {
                if (e is null)
                {
                    RecordingsLog.BlobMissing(logger, id, stored.BlobId, orgId);
                }
                else
                {
                    RecordingsLog.IntegrityFailure(logger, e, id, stored.BlobId, orgId);
                }
            },
            ct);
    }

    /// "recording 2026-12-04 22-53.webm" (UTC), "… webcam.webm".
    public static string FileName(Recording recording, bool webcam) =>
        "recording " + recording.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH-mm", System.Globalization.CultureInfo.InvariantCulture) + (webcam ? " webcam" : string.Empty) + ".webm";
}
