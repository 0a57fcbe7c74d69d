using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RemoteSupport.Server.Features.Devices;

/// A technician's paired device. Only the SHA-256 of its credential is stored.
public sealed class Device
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid TechnicianId { get; init; }
    public required string Name { get; set; }
    public required byte[] CredentialHash { get; init; }
    public DateTimeOffset PairedAt { get; init; }
    public DateTimeOffset? LastSeenAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// A one-time pairing offer: a 6-digit code and a QR secret, both stored hashed.
public sealed class PairingCode
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid TechnicianId { get; init; }
    public Guid CreatedByUserId { get; init; }
    public required byte[] CodeHash { get; init; }
    public required byte[] QrSecretHash { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> b)
    {
        b.Property(d => d.Name).HasMaxLength(100);
        b.HasIndex(d => d.CredentialHash).IsUnique();
        b.HasIndex(d => d.OrganizationId);
        b.HasOne<Accounts.User>().WithMany().HasForeignKey(d => d.TechnicianId);
    }
}

internal sealed class PairingCodeConfiguration : IEntityTypeConfiguration<PairingCode>
{
    public void Configure(EntityTypeBuilder<PairingCode> b)
    {
        b.HasIndex(p => p.CodeHash);
        b.HasIndex(p => p.QrSecretHash);
        b.HasOne<Accounts.User>().WithMany().HasForeignKey(p => p.TechnicianId);
    }
}
