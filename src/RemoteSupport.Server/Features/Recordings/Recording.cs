using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Contracts.Recordings;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Server.Features.Recordings;

/// A recording of a ROUTED call: first the raw .mjr streams in its folder, then (Ready) one encrypted WebM in the blob store
/// under BlobId, plus the expert's webcam under WebcamBlobId when there was one. This row is the only way to the content.
public sealed class Recording
{
    public const int MaxReasonLength = 500;

    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid CallId { get; init; }
    public Guid StartedById { get; init; }
    public required string StartedByName { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? StoppedAt { get; set; }
    public RecordingStatus Status { get; set; }
    public string? FailureReason { get; set; }
    public string? Note { get; set; }
    public long? DurationMs { get; set; }
    public long? Length { get; set; }
    public string? Sha256 { get; set; }
    public BlobId? BlobId { get; set; }
    public string? ContentType { get; set; }
    public BlobId? WebcamBlobId { get; set; }
    public long? WebcamLength { get; set; }
    public string? WebcamSha256 { get; set; }

    public RecordingInfo ToInfo()
    {
        var ready = Status == RecordingStatus.Ready;
        return new RecordingInfo(
            Id, CallId, StartedById, StartedByName, StartedAt, StoppedAt, Status, FailureReason, Note,
            ready ? DurationMs : null, ready ? Length : null, ready ? ContentType : null,
            ready ? $"/api/recordings/{Id}/content" : null,
            ready && WebcamBlobId is not null ? WebcamLength : null,
            ready && WebcamBlobId is not null ? $"/api/recordings/{Id}/webcam" : null);
    }

    public void AddNote(string note)
    {
        var text = string.IsNullOrEmpty(Note) ? note : $"{Note} {note}";
        Note = Trim(text);
    }

    public void Fail(string reason)
    {
        Status = RecordingStatus.Failed;
        FailureReason = Trim(reason);
    }

    private static string Trim(string text) => text.Length > MaxReasonLength ? text[..(MaxReasonLength - 1)] + "…" : text;
}

internal sealed class RecordingConfiguration : IEntityTypeConfiguration<Recording>
{
    public void Configure(EntityTypeBuilder<Recording> b)
    {
        var blobId = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<BlobId, string>(v => v.ToString(), v => BlobId.Parse(v, null));
        b.Property(r => r.StartedByName).HasMaxLength(200);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.FailureReason).HasMaxLength(Recording.MaxReasonLength);
        b.Property(r => r.Note).HasMaxLength(Recording.MaxReasonLength);
        b.Property(r => r.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(r => r.WebcamSha256).HasMaxLength(64).IsFixedLength();
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.Property(r => r.BlobId).HasConversion(blobId).HasMaxLength(32).IsFixedLength();
        b.Property(r => r.WebcamBlobId).HasConversion(blobId).HasMaxLength(32).IsFixedLength();
        b.HasIndex(r => new { r.OrganizationId, r.CallId, r.StartedAt });
        b.HasIndex(r => r.Status);

        // Rows go with their blobs, never by a cascade that would leave the blobs behind.
        b.HasOne<CallSession>().WithMany().HasForeignKey(r => r.CallId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Accounts.User>().WithMany().HasForeignKey(r => r.StartedById).OnDelete(DeleteBehavior.Restrict);
    }
}
