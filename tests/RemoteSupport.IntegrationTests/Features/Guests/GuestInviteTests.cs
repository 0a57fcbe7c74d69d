using System.Net;
using System.Security.Cryptography;
using System.Text;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Guests;
using RemoteSupport.Contracts.Organizations;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Infrastructure;
using static RemoteSupport.IntegrationTests.Features.Calls.HubClient;

namespace RemoteSupport.IntegrationTests.Features.Guests;

/// POST/GET /api/calls/{callId}/guest-invites and DELETE /api/guest-invites/{id}: experts in a live call invite guests by a
/// single-use link and can withdraw it.
public sealed class GuestInviteTests
{
    [Fact]
    public async Task Invite_InALiveCall_GivesALinkWithTheTokenInTheFragment_AndStoresOnlyItsHash()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var now = scene.Factory.Time.GetUtcNow();

        var invite = await scene.Expert.Http.InviteAsync(callId);

        Assert.StartsWith("https://localhost/join#", invite.Link, StringComparison.Ordinal);
        var token = GuestScene.TokenOf(invite);
        Assert.Equal(43, token.Length);
        Assert.Equal(32, Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.Equal(now + TimeSpan.FromHours(24), invite.ExpiresAt);

        var row = await scene.Factory.InviteRowAsync(invite.InviteId);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), row.TokenHash);
        Assert.Equal(scene.ExpertId, row.CreatedById);
        Assert.Null(row.RedeemedAt);

        var listed = Assert.Single(await scene.Expert.Http.GetJsonAsync<GuestInviteResponse[]>($"/api/calls/{callId}/guest-invites"));
        Assert.Equal(new GuestInviteResponse(invite.InviteId, callId, GuestInviteStatus.Pending, Api.AdminName, now, invite.ExpiresAt, null, null, null), listed);
        using var raw = await scene.Expert.Http.GetAsync($"/api/calls/{callId}/guest-invites");
        Assert.DoesNotContain(token, await raw.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["guest.invited"], await scene.Factory.AuditActionsAsync());
    }

    [Fact]
    public async Task Invite_ConfiguredLifetime_SetsTheExpiry()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync(("Guests:InviteLifetime", "02:00:00"));
        await using var _ = scene;

        var invite = await scene.Expert.Http.InviteAsync(callId);

        Assert.Equal(scene.Factory.Time.GetUtcNow() + TimeSpan.FromHours(2), invite.ExpiresAt);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("8.00:00:00")]
    public void Start_WithAnInviteLifetimeOutOfRange_Fails(string lifetime)
    {
        using var factory = new RemoteSupportFactory(("Guests:InviteLifetime", lifetime));
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateBrowser());
        Assert.Contains("Guests:InviteLifetime", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_WithoutALiveCallOfTheCaller_IsNotFound_AndNothingIsStored()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;

        // Unknown call.
        using (var unknown = await scene.Expert.Http.TryInviteAsync(Guid.NewGuid()))
        {
            await unknown.ReadProblemAsync(HttpStatusCode.NotFound);
        }

        // An expert of the organisation who is not in the call.
        var (otto, _) = await scene.AddExpertAsync("Otto Other", "otto@contoso.test");
        using (var notMine = await otto.Http.TryInviteAsync(callId))
        {
            await notMine.ReadProblemAsync(HttpStatusCode.NotFound);
        }

        // Another organisation's admin.
        const string initial = "copper meadow whistles at noon";
        using (var created = await scene.Expert.Http.PostJsonAsync("/api/platform/organizations",
            new CreateOrganizationRequest("Northwind Repairs", "Nora North", "nora@northwind.test", initial)))
        {
            await created.ReadAsync<OrganizationResponse>(HttpStatusCode.Created);
        }

        var nora = scene.NewClient();
        await nora.Http.SignInAsync("nora@northwind.test", initial);
        await nora.Http.ChangePasswordAsync(initial, "granite pelican under seventeen lanterns");
        using (var theirs = await nora.Http.TryInviteAsync(callId))
        {
            await theirs.ReadProblemAsync(HttpStatusCode.NotFound);
        }

        using (var theirList = await nora.Http.GetAsync($"/api/calls/{callId}/guest-invites"))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirList.StatusCode);
        }

        // The call once it has ended.
        await scene.Glasses.InvokeAsync(nameof(ISessionHub.HangUp), callId);
        Next(scene.Expert.Ended);
        using (var ended = await scene.Expert.Http.TryInviteAsync(callId))
        {
            await ended.ReadProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Empty(await scene.Expert.Http.GetJsonAsync<GuestInviteResponse[]>($"/api/calls/{callId}/guest-invites"));
        Assert.Empty(await scene.Factory.AuditActionsAsync());
    }

    [Fact]
    public async Task Invite_ByATechnician_IsForbidden_AndByTheGlasses_Unauthorized()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        const string temporary = "temporary orchard lantern 42";
        await scene.Expert.Http.CreateUserAsync("Tim Technician", "tim@contoso.test", UserRole.Technician, temporary);
        var tim = scene.NewClient();
        await tim.Http.SignInAsync("tim@contoso.test", temporary);
        await tim.Http.ChangePasswordAsync(temporary, "copper kettle under midnight rain");

        using (var technician = await tim.Http.TryInviteAsync(callId))
        {
            Assert.Equal(HttpStatusCode.Forbidden, technician.StatusCode);
        }

        await scene.Glasses.Http.GetAntiforgeryAsync();
        using (var glasses = await scene.Glasses.Http.TryInviteAsync(callId))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, glasses.StatusCode);
        }

        Assert.Empty(await scene.Factory.AuditActionsAsync());
    }

    [Fact]
    public async Task Invite_WithoutAntiforgeryToken_IsRefused()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        scene.Expert.Http.DefaultRequestHeaders.Remove(Api.AntiforgeryHeader);

        using var response = await scene.Expert.Http.TryInviteAsync(callId);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await scene.Factory.AuditActionsAsync());
    }

    [Fact]
    public async Task Revoke_BeforeJoining_WithdrawsTheLink_AndIsAudited()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);

        using (var revoked = await scene.Expert.Http.DeleteAsync($"/api/guest-invites/{invite.InviteId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        var guest = scene.NewClient();
        using (var join = await guest.Http.TryJoinAsync(GuestScene.TokenOf(invite), "Gina Guest"))
        {
            var problem = await join.ReadProblemAsync(HttpStatusCode.Gone);
            Assert.Equal("This invitation was withdrawn.", problem.Title);
            Assert.False(join.Headers.Contains("Set-Cookie") && join.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(GuestScene.GuestCookie, StringComparison.Ordinal)));
        }

        var row = await scene.Factory.InviteRowAsync(invite.InviteId);
        Assert.Null(row.RedeemedAt);
        Assert.Null(row.GuestName);
        var listed = Assert.Single(await scene.Expert.Http.GetJsonAsync<GuestInviteResponse[]>($"/api/calls/{callId}/guest-invites"));
        Assert.Equal(GuestInviteStatus.Revoked, listed.Status);
        Assert.Equal(["guest.invited", "guest.revoked"], (await scene.Factory.AuditActionsAsync()).Order());
    }

    [Fact]
    public async Task Revoke_AnotherOrganisationsOrUnknownInvite_IsNotFound_AndChangesNothing()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);
        const string initial = "copper meadow whistles at noon";
        using (var created = await scene.Expert.Http.PostJsonAsync("/api/platform/organizations",
            new CreateOrganizationRequest("Northwind Repairs", "Nora North", "nora@northwind.test", initial)))
        {
            await created.ReadAsync<OrganizationResponse>(HttpStatusCode.Created);
        }

        var nora = scene.NewClient();
        await nora.Http.SignInAsync("nora@northwind.test", initial);
        await nora.Http.ChangePasswordAsync(initial, "granite pelican under seventeen lanterns");

        using (var theirs = await nora.Http.DeleteAsync($"/api/guest-invites/{invite.InviteId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        }

        using (var unknown = await scene.Expert.Http.DeleteAsync($"/api/guest-invites/{Guid.NewGuid()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        Assert.Null((await scene.Factory.InviteRowAsync(invite.InviteId)).RevokedAt);
    }
}
