using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Contracts.Accounts;

namespace RemoteSupport.Server.Features.Calls;

/// Someone who joined a call beyond its caller and callee (an invited user or a guest): kept so that a restarted server
/// still knows them, and so the session record says who took part.
public sealed class CallParticipation
{
    public Guid Id { get; init; }
    public Guid CallId { get; init; }
    public Guid OrganizationId { get; init; }

    /// The user's id, or the guest's id (guests have no user row).
    public Guid ParticipantId { get; init; }
    public required string DisplayName { get; init; }
    public UserRole Role { get; init; }
    public DateTimeOffset JoinedAt { get; init; }
    public DateTimeOffset? LeftAt { get; set; }
}

internal sealed class CallParticipationConfiguration : IEntityTypeConfiguration<CallParticipation>
{
    public void Configure(EntityTypeBuilder<CallParticipation> b)
    {
        b.Property(p => p.DisplayName).HasMaxLength(200);
        b.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(p => new { p.CallId, p.ParticipantId });
        b.HasOne<CallSession>().WithMany().HasForeignKey(p => p.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}
