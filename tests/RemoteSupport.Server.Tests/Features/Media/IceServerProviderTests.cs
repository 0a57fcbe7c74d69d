using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Media;
using RemoteSupport.Server.Features.Organizations;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Https;

namespace RemoteSupport.Server.Tests.Features.Media;

public sealed class IceServerProviderTests : IDisposable
{
    private static readonly Guid UserId = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly string _folder = Directory.CreateTempSubdirectory("rs-media-test-").FullName;
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public void Dispose()
    {
        _connection.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Build_Managed_GivesStunAndTurnWithCredentialValidForTheLifetime()
    {
        var servers = IceServerProvider.Build(new MediaOptions(), "turn.example.com", "test-secret", UserId, Now - TimeSpan.FromHours(1));

        Assert.Equal(2, servers.Length);
        Assert.Equal(["stun:turn.example.com:3478"], servers[0].Urls);
        Assert.Null(servers[0].Username);
        Assert.Equal(["turn:turn.example.com:3478?transport=udp", "turn:turn.example.com:3478?transport=tcp", "turns:turn.example.com:5349?transport=tcp"], servers[1].Urls);
        Assert.Equal("1700000000:3f2504e0-4f89-11d3-9a0c-0305e82c3301", servers[1].Username);
        Assert.Equal("2bVPbIKwZc9d5YrT4Fp5ynMMCKg=", servers[1].Credential);
    }

    [Fact]
    public void Build_Ipv6Host_IsBracketed()
    {
        var servers = IceServerProvider.Build(new MediaOptions(), "2001:db8::1", "s", UserId, Now);

        Assert.Equal("stun:[2001:db8::1]:3478", servers[0].Urls[0]);
    }

    [Fact]
    public void Build_ExternalUrls_SplitsStunFromTurnAndAddsExtraStun()
    {
        var options = new MediaOptions
        {
            TurnMode = TurnMode.External,
            ExternalTurnUrls = ["stun:ext.example.com:3478", "turns:ext.example.com:443?transport=tcp"],
            StunUrls = ["stun:stun.example.org:3478"],
        };

        var servers = IceServerProvider.Build(options, "ignored", "s", UserId, Now);

        Assert.Equal(3, servers.Length);
        Assert.Equal(["stun:ext.example.com:3478"], servers[0].Urls);
        Assert.Equal(["turns:ext.example.com:443?transport=tcp"], servers[1].Urls);
        Assert.NotNull(servers[1].Credential);
        Assert.Equal(["stun:stun.example.org:3478"], servers[2].Urls);
    }

    [Fact]
    public void Build_NoneOrNoSecret_GivesHostCandidatesOnly()
    {
        Assert.Empty(IceServerProvider.Build(new MediaOptions { TurnMode = TurnMode.None }, "h", null, UserId, Now));
        Assert.Empty(IceServerProvider.Build(new MediaOptions(), "h", null, UserId, Now));
    }

    [Fact]
    public void ResolvePublicHost_SpecificListenAddress_IsUsed()
    {
        Assert.Equal("10.1.2.3", IceServerProvider.ResolvePublicHost(new MediaOptions(), new ServerOptions { ListenAddress = "10.1.2.3" }));
        Assert.Equal("turn.example.com", IceServerProvider.ResolvePublicHost(new MediaOptions { PublicHost = "turn.example.com" }, new ServerOptions { ListenAddress = "10.1.2.3" }));
        Assert.Equal(System.Net.Dns.GetHostName(), IceServerProvider.ResolvePublicHost(new MediaOptions(), new ServerOptions()));
    }

    [Fact]
    public async Task GetAsync_OrganisationUsesCustomServers_ReturnsThemInsteadOfOurs()
    {
        var protection = new EphemeralDataProtectionProvider();
        IceServer[] custom = [new(["turn:own.example.com:3478"], "alice", "pw")];
        var (provider, orgId) = await CreateAsync(new MediaOptions(), protection, o =>
        {
            o.UseCustomIceServers = true;
            o.CustomIceServersProtected = CustomIceServers.Protect(protection, custom);
        });

        var servers = await provider.GetAsync(orgId, UserId, CancellationToken.None);

        var only = Assert.Single(servers);
        Assert.Equal(custom[0].Urls, only.Urls);
        Assert.Equal("pw", only.Credential);
    }

    [Fact]
    public async Task GetAsync_CustomServersStoredButOff_ReturnsOursWithFreshCredential()
    {
        var protection = new EphemeralDataProtectionProvider();
        var (provider, orgId) = await CreateAsync(new MediaOptions { TurnMode = TurnMode.External, TurnSecret = "external-secret-123", PublicHost = "turn.example.com" }, protection, o =>
            o.CustomIceServersProtected = CustomIceServers.Protect(protection, [new(["stun:own.example.com"], null, null)]));

        var servers = await provider.GetAsync(orgId, UserId, CancellationToken.None);

        Assert.Equal(2, servers.Length);
        var expected = TurnCredentials.Create("external-secret-123", UserId.ToString("D"), Now + TimeSpan.FromHours(1));
        Assert.Equal(expected.Username, servers[1].Username);
        Assert.Equal(expected.Password, servers[1].Credential);
    }

    [Fact]
    public async Task GetAsync_ManagedWithoutCoturnInstalled_GivesHostCandidatesOnly()
    {
        var (provider, orgId) = await CreateAsync(new MediaOptions { TurnserverPath = "/nonexistent/turnserver" }, new EphemeralDataProtectionProvider(), _ => { });

        Assert.Empty(await provider.GetAsync(orgId, UserId, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_Managed_GeneratesThePrivateSecretFileOnce()
    {
        var (provider, orgId) = await CreateAsync(new MediaOptions { TurnserverPath = "/bin/sh", PublicHost = "h" }, new EphemeralDataProtectionProvider(), _ => { });

        var servers = await provider.GetAsync(orgId, UserId, CancellationToken.None);

        var secretFile = Path.Combine(_folder, "turn", "secret");
        var secret = await File.ReadAllTextAsync(secretFile);
        Assert.Equal(64, secret.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));
        }

        Assert.Equal(TurnCredentials.Create(secret, UserId.ToString("D"), Now + TimeSpan.FromHours(1)).Password, servers[1].Credential);
    }

    private async Task<(IceServerProvider Provider, Guid OrganizationId)> CreateAsync(MediaOptions media, IDataProtectionProvider protection, Action<Organization> configure)
    {
        await _connection.OpenAsync();
        var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connection).Options);
        await db.Database.EnsureCreatedAsync();
        var organization = new Organization { Id = Guid.NewGuid(), Name = "Acme", CreatedAt = Now };
        configure(organization);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();

        var options = Options.Create(media);
        var data = Options.Create(new DataFolderOptions { Folder = _folder });
        var provider = new IceServerProvider(db, options, new ServerOptions(), new TurnSecret(options, data), new TurnserverBinary(options),
            protection, new FakeTimeProvider(Now), NullLogger<IceServerProvider>.Instance);
        return (provider, organization.Id);
    }
}
