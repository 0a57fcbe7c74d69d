using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Contracts.Guests;

namespace RemoteSupport.Server.Features.Guests;

/// A single-use invitation of an outside specialist into one call. Only the SHA-256 of the link's token is stored, and once
/// redeemed, only the SHA-256 of the guest's session secret (the cookie).
public sealed class GuestInvite
{
    /// A guest session lasts at most this long, and never past the invitation's own expiry.
    public static readonly TimeSpan MaxSessionLifetime = TimeSpan.FromHours(24);

    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid CallId { get; init; }
    public Guid CreatedById { get; init; }
    public required string CreatedByName { get; init; }
    public required byte[] TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RedeemedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? GuestName { get; set; }
    public Guid? GuestId { get; set; }
    public byte[]? GuestSecretHash { get; set; }

    public DateTimeOffset? SessionEndsAt => RedeemedAt is { } at ? Min(ExpiresAt, at + MaxSessionLifetime) : null;

    public GuestInviteStatus StatusAt(DateTimeOffset now) => this switch
    {
        { RevokedAt: not null } => GuestInviteStatus.Revoked,
        { RedeemedAt: not null } => GuestInviteStatus.Joined,
        _ when ExpiresAt <= now => GuestInviteStatus.Expired,
        _ => GuestInviteStatus.Pending,
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

internal sealed class GuestInviteConfiguration : IEntityTypeConfiguration<GuestInvite>
{
    public void Configure(EntityTypeBuilder<GuestInvite> b)
    {
        b.Ignore(i => i.SessionEndsAt);
        b.Property(i => i.CreatedByName).HasMaxLength(200);
        b.Property(i => i.GuestName).HasMaxLength(60);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => i.GuestSecretHash).IsUnique();
        b.HasIndex(i => i.GuestId);
        b.HasIndex(i => new { i.OrganizationId, i.CallId });
        b.HasOne<Calls.CallSession>().WithMany().HasForeignKey(i => i.CallId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Accounts.User>().WithMany().HasForeignKey(i => i.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
