using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Contracts.Calls;

namespace RemoteSupport.Server.Features.Calls;

/// A call, kept from the first ring to its end: who, when, how long, what happened. Every state change is
/// saved, so a server restart finds active calls again.
public sealed class CallSession
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid CallerId { get; init; }
    public Guid CalleeId { get; init; }
    public CallState State { get; set; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public CallEndReason EndReason { get; set; }

    /// Peer to peer until a third participant, a recording or the organisation's setting moves it to the media server.
    public CallMode Mode { get; set; }
}

internal sealed class CallSessionConfiguration : IEntityTypeConfiguration<CallSession>
{
    public void Configure(EntityTypeBuilder<CallSession> b)
    {
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.EndReason).HasConversion<string>().HasMaxLength(24);
        b.Property(c => c.Mode).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(c => new { c.OrganizationId, c.StartedAt });
        b.HasIndex(c => c.State);
        b.HasOne<Accounts.User>().WithMany().HasForeignKey(c => c.CallerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Accounts.User>().WithMany().HasForeignKey(c => c.CalleeId).OnDelete(DeleteBehavior.Restrict);
    }
}
