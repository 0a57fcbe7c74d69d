using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.IntegrationTests.Infrastructure.Data;

public sealed class MigrationsTests
{
    /// A model change without its migration would fail at the next start on a real database.
    [Fact]
    public async Task Model_ComparedWithMigrations_HasNoPendingChanges()
    {
        await using var factory = new RemoteSupportFactory();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration for both SQLite and PostgreSQL (see README).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
