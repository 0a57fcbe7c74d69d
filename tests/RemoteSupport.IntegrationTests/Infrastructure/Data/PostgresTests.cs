using System.Net;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Devices;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Infrastructure.Data;

/// Runs when RS_TEST_POSTGRES holds an Npgsql connection string to an empty throwaway database (./test.sh starts
/// one). Without it the tests are skipped, except in CI (CI=true), where they fail: CI must test PostgreSQL.
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "RS_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (ConnectionString is null && !IsCi)
        {
            Skip = $"PostgreSQL not configured: set {Variable} to an Npgsql connection string of an empty throwaway database (./test.sh starts one) to run this test.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// The server on PostgreSQL (migrations applied at start), set up once for the class.
public sealed class PostgresServer : IAsyncLifetime
{
    private RemoteSupportFactory? _factory;
    private HttpClient? _admin;

    public RemoteSupportFactory Factory => _factory ?? throw new InvalidOperationException(Missing);

    public HttpClient Admin => _admin ?? throw new InvalidOperationException(Missing);

    private static string Missing => $"{PostgresFactAttribute.Variable} is not set" + (PostgresFactAttribute.IsCi
        ? " but CI=true: the PostgreSQL tests must run in CI. Run them through ./test.sh, which starts a throwaway PostgreSQL cluster and sets it."
        : ".");

    public async Task InitializeAsync()
    {
        if (PostgresFactAttribute.ConnectionString is not { } connectionString)
        {
            return;
        }

        _factory = new RemoteSupportFactory(("Database:Provider", "Postgres"), ("Database:ConnectionString", connectionString));
        _admin = _factory.CreateBrowser();
        await _admin.SetupAsync();
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

public sealed class PostgresTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [PostgresFact]
    public async Task Postgres_UsersCreateReadUpdate_RoundTripThroughTheApi()
    {
        var me = await server.Admin.GetJsonAsync<CurrentUserResponse>("/api/auth/me");
        Assert.Equal(Api.AdminEmail, me.Email);
        Assert.False((await server.Admin.GetJsonAsync<SetupStatusResponse>("/api/setup")).NeedsSetup);

        var created = await server.Admin.CreateUserAsync("Paula Postgres", "paula@contoso.test", UserRole.Expert, "maple otter juggles seven plums");

        var read = (await server.Admin.GetJsonAsync<UserResponse[]>("/api/users")).Single(u => u.Id == created.Id);
        Assert.Equal("Paula Postgres", read.DisplayName);
        Assert.Equal(UserRole.Expert, read.Role);
        Assert.True(read.MustChangePassword);
        // timestamptz keeps microseconds; the create answer had the clock's 100 ns ticks.
        Assert.True((created.CreatedAt - read.CreatedAt).Duration() < TimeSpan.FromMicroseconds(1), $"{created.CreatedAt:O} vs {read.CreatedAt:O}");

        using (var update = await server.Admin.PatchJsonAsync($"/api/users/{created.Id}", new UpdateUserRequest("Paula Promoted", UserRole.OrgAdmin, null)))
        {
            Assert.Equal(UserRole.OrgAdmin, (await update.ReadAsync<UserResponse>(HttpStatusCode.OK)).Role);
        }

        var reread = (await server.Admin.GetJsonAsync<UserResponse[]>("/api/users")).Single(u => u.Id == created.Id);
        Assert.Equal("Paula Promoted", reread.DisplayName);
        Assert.Equal(UserRole.OrgAdmin, reread.Role);

        using (var duplicate = await server.Admin.PostJsonAsync("/api/users", new CreateUserRequest("Paula Again", "PAULA@contoso.test", UserRole.Technician, null)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        }

        using var browser = server.Factory.CreateBrowser();
        Assert.Equal(created.Id, (await browser.SignInAsync("paula@contoso.test", "maple otter juggles seven plums")).Id);
    }

    [PostgresFact]
    public async Task Postgres_PairingClaimAndRevoke_WorkWithTimestamps()
    {
        var technician = await server.Admin.CreateUserAsync("Piet Pairing", "piet@contoso.test", UserRole.Technician);
        var offer = await server.Admin.StartPairingAsync(technician.Id);
        using var glasses = server.Factory.CreateBrowser();

        var identity = await glasses.ClaimAsync(offer.Code, "Postgres glasses");
        using (var reuse = await server.Factory.CreateBrowser().TryClaimAsync(offer.Code))
        {
            Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        }

        Assert.Equal(identity.DeviceId, (await glasses.GetJsonAsync<DeviceIdentityResponse>("/api/device/me")).DeviceId);
        using (var revoke = await server.Admin.DeleteAsync($"/api/devices/{identity.DeviceId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var me = await glasses.GetAsync("/api/device/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        var device = Assert.Single(await server.Admin.GetJsonAsync<DeviceResponse[]>("/api/devices"), d => d.Id == identity.DeviceId);
        Assert.NotNull(device.RevokedAt);
    }
}
