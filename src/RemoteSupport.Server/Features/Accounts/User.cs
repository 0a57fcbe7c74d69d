using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Contracts.Accounts;

namespace RemoteSupport.Server.Features.Accounts;

public sealed class User
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public required string DisplayName { get; set; }
    public required string Email { get; set; }

    /// Upper-cased email: sign-in is by email across all organisations, so it is unique platform-wide.
    public required string NormalizedEmail { get; set; }
    public UserRole Role { get; set; }

    /// May create organisations when the platform hosts several.
    public bool IsPlatformAdmin { get; set; }

    /// Null for technicians who only use paired devices.
    public string? PasswordHash { get; set; }
    public bool MustChangePassword { get; set; }
    public bool Disabled { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// Changes whenever sign-in sessions must end (password reset, disable, role change).
    public string SecurityStamp { get; set; } = NewStamp();
    public DateTimeOffset CreatedAt { get; init; }

    public static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Email).HasMaxLength(254);
        b.Property(u => u.NormalizedEmail).HasMaxLength(254);
        b.HasIndex(u => u.NormalizedEmail).IsUnique();
        b.HasIndex(u => u.OrganizationId);
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        b.Property(u => u.PasswordHash).HasMaxLength(300);
        b.Property(u => u.SecurityStamp).HasMaxLength(64);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(u => u.OrganizationId);
    }
}
