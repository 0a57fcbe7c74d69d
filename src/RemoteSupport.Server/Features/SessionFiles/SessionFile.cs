using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Contracts.SessionFiles;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Server.Features.SessionFiles;

/// An image, document or video of a call (or of the organisation's library when CallId is null). The content lives
/// encrypted in the blob store under BlobId; this row is the only way to it.
public sealed class SessionFile
{
    public const int MaxDisplayNameLength = 200;

    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid? CallId { get; init; }
    public SessionFileKind Kind { get; init; }
    public required string ContentType { get; init; }
    public required string DisplayName { get; init; }
    public BlobId BlobId { get; init; }
    public long Length { get; init; }
    public required string Sha256 { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public Guid? SourceFileId { get; init; }
    public Guid CreatedById { get; init; }
    public required string CreatedByName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool IsImage => FileTypes.IsImage(ContentType);

    public SessionFileInfo ToInfo() => new(
        Id, CallId, Kind, ContentType, DisplayName, Length, Sha256, Width, Height, SourceFileId, CreatedById, CreatedByName, CreatedAt,
        $"/api/files/{Id}/content", IsImage ? $"/api/files/{Id}/thumbnail" : null);
}

internal sealed class SessionFileConfiguration : IEntityTypeConfiguration<SessionFile>
{
    public void Configure(EntityTypeBuilder<SessionFile> b)
    {
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.DisplayName).HasMaxLength(SessionFile.MaxDisplayNameLength);
        b.Property(f => f.BlobId).HasConversion(v => v.ToString(), v => BlobId.Parse(v, null)).HasMaxLength(32).IsFixedLength();
        b.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(f => f.CreatedByName).HasMaxLength(200);
        b.HasIndex(f => new { f.OrganizationId, f.CallId, f.CreatedAt });
        b.HasIndex(f => f.BlobId).IsUnique();

        // Rows are removed with their blobs by the API, never by a cascade that would leave the blobs behind.
        b.HasOne<CallSession>().WithMany().HasForeignKey(f => f.CallId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SessionFile>().WithMany().HasForeignKey(f => f.SourceFileId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Accounts.User>().WithMany().HasForeignKey(f => f.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
