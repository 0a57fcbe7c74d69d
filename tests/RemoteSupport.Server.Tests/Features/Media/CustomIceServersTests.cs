using Microsoft.AspNetCore.DataProtection;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Media;
using RemoteSupport.Server.Features.Organizations;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Tests.Features.Media;

public sealed class CustomIceServersTests
{
    private readonly EphemeralDataProtectionProvider _protection = new();

    [Fact]
    public void Validate_BadEntries_ReportsEveryProblemWithItsField()
    {
        var errors = new ValidationErrors();
        IceServer?[] servers =
        [
            new(["stun:stun.example.com:3478"], null, null),
            new(["http://turn.example.com", "turn:"], "u", "p"),
            new(["turn:turn.example.com:3478"], null, null),
            null,
            new([], null, null),
        ];

        CustomIceServers.Validate(servers, [], errors);

        var fields = errors.ToDictionary();
        Assert.DoesNotContain("CustomIceServers[0].Urls", fields.Keys);
        Assert.Equal(2, fields["CustomIceServers[1].Urls"].Length);
        Assert.Contains("CustomIceServers[2].Username", fields.Keys);
        Assert.Contains("CustomIceServers[2].Credential", fields.Keys);
        Assert.Contains("CustomIceServers[3]", fields.Keys);
        Assert.Contains("CustomIceServers[4].Urls", fields.Keys);
    }

    [Fact]
    public void Validate_TooMany_ReportsLimits()
    {
        var errors = new ValidationErrors();
        var manyUrls = Enumerable.Range(0, 11).Select(i => $"stun:s{i}.example.com").ToArray();
        var servers = Enumerable.Range(0, 11).Select(_ => (IceServer?)new IceServer(manyUrls, null, null)).ToArray();

        CustomIceServers.Validate(servers, [], errors);

        var fields = errors.ToDictionary();
        Assert.Contains("CustomIceServers", fields.Keys);
        Assert.Contains("CustomIceServers[0].Urls", fields.Keys);
    }

    [Fact]
    public void Validate_EntryBackWithoutCredential_KeepsTheStoredOneOnlyWhenUrlsAndUsernameMatch()
    {
        IceServer[] stored = [new(["turn:a.example.com:3478"], "alice", "secret-pw")];
        var errors = new ValidationErrors();

        var kept = CustomIceServers.Validate([new IceServer(["turn:a.example.com:3478"], "alice", null)], stored, errors);
        Assert.False(errors.Any);
        Assert.Equal("secret-pw", kept[0].Credential);

        CustomIceServers.Validate([new IceServer(["turn:b.example.com:3478"], "alice", null)], stored, errors);
        Assert.Contains("CustomIceServers[0].Credential", errors.ToDictionary().Keys);
    }

    [Fact]
    public void Check_EnableWithEmptyList_IsAnError()
    {
        var errors = new ValidationErrors();

        CustomIceServers.Check(_protection, NewOrganization(), use: true, servers: [], errors);

        Assert.Contains("CustomIceServers", errors.ToDictionary().Keys);
    }

    [Fact]
    public void Apply_EnableWithServers_StoresThemEncryptedAndAuditsWithoutCredentials()
    {
        var organization = NewOrganization();
        var errors = new ValidationErrors();
        var update = CustomIceServers.Check(_protection, organization, use: true, [new IceServer(["turns:t.example.com:443"], "alice", "hunter2-pw")], errors);
        var changes = new List<string>();

        CustomIceServers.Apply(_protection, organization, update, changes);

        Assert.False(errors.Any);
        Assert.True(organization.UseCustomIceServers);
        Assert.DoesNotContain("hunter2-pw", organization.CustomIceServersProtected, StringComparison.Ordinal);
        Assert.Equal("hunter2-pw", CustomIceServers.Unprotect(_protection, organization.CustomIceServersProtected!)[0].Credential);
        Assert.Equal(2, changes.Count);
        Assert.DoesNotContain(changes, c => c.Contains("hunter2", StringComparison.Ordinal) || c.Contains("alice", StringComparison.Ordinal));
        var shown = Assert.Single(CustomIceServers.Describe(_protection, organization)!);
        Assert.True(shown.HasCredential);
        Assert.Equal("alice", shown.Username);
    }

    [Fact]
    public void Apply_SameListAgain_RecordsNoChange()
    {
        var organization = NewOrganization();
        IceServer[] list = [new(["turn:t.example.com:3478"], "alice", "pw")];
        CustomIceServers.Apply(_protection, organization, CustomIceServers.Check(_protection, organization, true, list, new ValidationErrors()), []);
        var changes = new List<string>();

        CustomIceServers.Apply(_protection, organization,
            CustomIceServers.Check(_protection, organization, null, [new IceServer(["turn:t.example.com:3478"], "alice", null)], new ValidationErrors()), changes);

        Assert.Empty(changes);
    }

    private static Organization NewOrganization() => new() { Id = Guid.NewGuid(), Name = "Acme", CreatedAt = DateTimeOffset.UnixEpoch };
}
