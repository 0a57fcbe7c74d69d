using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RemoteSupport.Server.Features.Audit;

public sealed class AuditEvent
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Action { get; init; }
    public Guid? ActorUserId { get; init; }
    public string? ActorName { get; init; }
    public string? Target { get; init; }
    public string? Details { get; init; }
    public string? IpAddress { get; init; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.ActorName).HasMaxLength(200);
        b.Property(a => a.Target).HasMaxLength(300);
        b.Property(a => a.Details).HasMaxLength(1000);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.HasIndex(a => new { a.OrganizationId, a.At });
    }
}
