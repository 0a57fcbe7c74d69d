using Microsoft.EntityFrameworkCore;

namespace RemoteSupport.Server.Infrastructure.Data;

/// Entity configurations live in their feature folders and are picked up from this assembly.
/// Each database engine has its own subclass so that each keeps its own migrations.
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Features.Organizations.Organization> Organizations => Set<Features.Organizations.Organization>();
    public DbSet<Features.Accounts.User> Users => Set<Features.Accounts.User>();
    public DbSet<Features.Devices.Device> Devices => Set<Features.Devices.Device>();
    public DbSet<Features.Devices.PairingCode> PairingCodes => Set<Features.Devices.PairingCode>();
    public DbSet<Features.Audit.AuditEvent> AuditEvents => Set<Features.Audit.AuditEvent>();
    public DbSet<Features.Calls.CallSession> CallSessions => Set<Features.Calls.CallSession>();
    public DbSet<Features.Calls.CallParticipation> CallParticipations => Set<Features.Calls.CallParticipation>();
    public DbSet<Features.Collaboration.ChatMessage> ChatMessages => Set<Features.Collaboration.ChatMessage>();
    public DbSet<Features.SessionFiles.SessionFile> SessionFiles => Set<Features.SessionFiles.SessionFile>();
    public DbSet<Features.Recordings.Recording> Recordings => Set<Features.Recordings.Recording>();
    public DbSet<Features.Guests.GuestInvite> GuestInvites => Set<Features.Guests.GuestInvite>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    // SQLite has no DateTimeOffset type it can sort or compare; store UTC ticks instead.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

internal sealed class DateTimeOffsetToUtcTicksConverter()
    : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
