using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Infrastructure.Data;

public static class DatabaseRegistration
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataFolderOptions>().BindConfiguration(DataFolderOptions.SectionName);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<PostgresAppDbContext>(o => o.UseNpgsql(database.ConnectionString));
            builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        }
        else
        {
            builder.Services.AddDbContext<SqliteAppDbContext>((sp, o) =>
                o.UseSqlite(database.ConnectionString ?? DefaultSqliteConnectionString(sp)));
            builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        }

        // Sign-in cookies and antiforgery tokens survive restarts: their keys live in the data folder.
        var dataFolder = (builder.Configuration.GetSection(DataFolderOptions.SectionName).Get<DataFolderOptions>() ?? new DataFolderOptions()).FullPath;
        var keys = Directory.CreateDirectory(Path.Combine(dataFolder, "keys"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        builder.Services.AddDataProtection().PersistKeysToFileSystem(keys).SetApplicationName("RemoteSupport");
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        return builder;
    }

    private static string DefaultSqliteConnectionString(IServiceProvider services)
    {
        var folder = services.GetRequiredService<IOptions<DataFolderOptions>>().Value.FullPath;
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "remote-support.db")};Foreign Keys=True";
    }

    /// Applies pending migrations before the server takes requests.
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
    }
}
