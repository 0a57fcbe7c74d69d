using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RemoteSupport.Server.Features.Organizations;

public sealed class Organization
{
    public const int DefaultMinPasswordLength = 15;

    public Guid Id { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public int MinPasswordLength { get; set; } = DefaultMinPasswordLength;
    public bool RequireTwoFactor { get; set; }

    /// Calls use the organisation's own TURN/STUN servers instead of ours (see Features/Media/CustomIceServers).
    public bool UseCustomIceServers { get; set; }

    /// The JSON of those servers, encrypted with Data Protection because it holds TURN credentials.
    public string? CustomIceServersProtected { get; set; }

    /// How new calls start: peer to peer (default) or through the media server (ROUTED). A peer-to-peer call still moves to
    /// the media server when a third participant joins or an expert records.
    public Contracts.Calls.CallMode CallMode { get; set; }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.CallMode).HasConversion<string>().HasMaxLength(16);
    }
}
