using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SkiaSharp;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Contracts.Guests;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Features.SessionFiles;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Features.Guests;

/// A guest is in one call and nothing else: no portal page, gallery, files, history or admin API; on the hub only what a
/// guest may do, no presence, and signed out when the invitation is withdrawn.
public sealed class GuestAccessTests
{
    private static async Task<(CallScene Scene, Guid CallId, HubClient Guest, GuestInviteCreatedResponse Invite)> JoinedAsync()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        var invite = await scene.Expert.Http.InviteAsync(callId);
        var guest = scene.NewClient();
        await guest.Http.JoinAsync(GuestScene.TokenOf(invite), "Gina Guest");
        return (scene, callId, guest, invite);
    }

    [Fact]
    public async Task GuestCookie_DoesNotOpenThePortalApis()
    {
        var (scene, callId, guest, invite) = await JoinedAsync();
        await using var _ = scene;

        // A snapshot in the call, so the gallery is not empty.
        using (var upload = await scene.Glasses.Http.UploadAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.Image(64, 48, SKEncodedImageFormat.Png), "snap.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var files = await scene.Expert.Http.GetJsonAsync<RemoteSupport.Contracts.SessionFiles.SessionFileInfo[]>($"/api/calls/{callId}/files");
        var fileId = Assert.Single(files).Id;

        string[] unauthorized =
        [
            "/api/auth/me", "/api/calls", $"/api/calls/{callId}", $"/api/calls/{callId}/chat", "/api/users", "/api/devices",
            "/api/audit", "/api/organization", $"/api/calls/{callId}/guest-invites", "/api/library/documents", "/api/device/me",
        ];
        foreach (var url in unauthorized)
        {
            using var response = await guest.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"GET {url} answered {(int)response.StatusCode}");
        }

        string[] notFound = [$"/api/calls/{callId}/files", $"/api/files/{fileId}", $"/api/files/{fileId}/content", $"/api/files/{fileId}/thumbnail"];
        foreach (var url in notFound)
        {
            using var response = await guest.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
        }

        await guest.Http.GetAntiforgeryAsync();
        using (var invite2 = await guest.Http.TryInviteAsync(callId))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, invite2.StatusCode);
        }

        using (var revoke = await guest.Http.DeleteAsync($"/api/guest-invites/{invite.InviteId}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoke.StatusCode);
        }

        using (var upload = await guest.Http.UploadAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.Image(64, 48, SKEncodedImageFormat.Png), "snap.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        }

        using (var createUser = await guest.Http.PostJsonAsync("/api/users", new CreateUserRequest("Eve", "eve@contoso.test", UserRole.OrgAdmin, "a long enough passphrase here")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, createUser.StatusCode);
        }

        Assert.Null((await scene.Factory.InviteRowAsync(invite.InviteId)).RevokedAt);
    }

    [Fact]
    public async Task Guest_ConnectsToTheHub_AndMayUseOnlyGuestMethods()
    {
        var (scene, _, guest, _) = await JoinedAsync();
        await using var __ = scene;

        var connection = await guest.ConnectAsync();
        Assert.Equal(HubConnectionState.Connected, connection.State);

        Assert.Empty(await guest.InvokeAsync<Contact[]>(nameof(ISessionHub.GetContacts)));
        var start = await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync<CallInfo>(nameof(ISessionHub.StartCall), new StartCallRequest(scene.TechnicianId, false)));
        Assert.Contains("Guests cannot do this.", start.Message, StringComparison.Ordinal);
        var snapshot = await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync(nameof(ISessionHub.RequestSnapshot), Guid.NewGuid()));
        Assert.Contains("Guests cannot do this.", snapshot.Message, StringComparison.Ordinal);
        var record = await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync(nameof(ISessionHub.StartRecording), Guid.NewGuid()));
        Assert.Contains("Guests cannot do this.", record.Message, StringComparison.Ordinal);
        var invite = await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync(nameof(ISessionHub.InviteToCall), new InviteRequest(Guid.NewGuid(), scene.ExpertId)));
        Assert.Contains("Guests cannot do this.", invite.Message, StringComparison.Ordinal);
        // Resuming joins the guest's call, which moves to the media server for its third participant.
        var joined = await guest.InvokeAsync<CallConnection?>(nameof(ISessionHub.ResumeCall));
        Assert.NotNull(joined);
        Assert.Equal(CallMode.Routed, joined.Call.Mode);
        Assert.Contains(joined.Call.Participants, p => p.Role == UserRole.Guest);
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task Invite_WithoutAMediaServer_IsRefusedWithAClearReason_AndNothingIsStored()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();

        using var response = await scene.Expert.Http.TryInviteAsync(callId);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("media server", problem.Title, StringComparison.Ordinal);
        using var list = await scene.Expert.Http.GetAsync(new Uri($"/api/calls/{callId}/guest-invites", UriKind.Relative));
        Assert.Empty(await list.ReadAsync<GuestInviteResponse[]>(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Guest_WhoseCallEnded_IsDisconnectedAtTheNextHubCall()
    {
        var (scene, callId, guest, _) = await JoinedAsync();
        await using var __ = scene;
        var connection = await guest.ConnectAsync();
        var closed = new TaskCompletionSource();
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await scene.Glasses.InvokeAsync(nameof(ISessionHub.HangUp), callId);
        HubClient.Next(scene.Expert.Ended);

        await Assert.ThrowsAnyAsync<Exception>(() => guest.InvokeAsync<ChatMessageInfo[]>(nameof(ISessionHub.GetChat), callId));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Revoke_ClosesTheGuestsHubConnection_AndRefusesANewOne()
    {
        var (scene, _, guest, invite) = await JoinedAsync();
        await using var __ = scene;
        var connection = await guest.ConnectAsync();
        var closed = new TaskCompletionSource();
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        using (var revoked = await scene.Expert.Http.DeleteAsync($"/api/guest-invites/{invite.InviteId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<Exception>(() => guest.ConnectAsync());
    }

    [Fact]
    public async Task Users_CannotBeCreatedAsOrChangedToGuests()
    {
        await using var factory = new RemoteSupportFactory();
        var admin = factory.CreateBrowser();
        await admin.SetupAsync();
        var tess = await admin.CreateUserAsync("Tess Technician", "tess@contoso.test", UserRole.Technician);

        using (var create = await admin.PostJsonAsync("/api/users", new CreateUserRequest("Gina Guest", "gina@example.test", UserRole.Guest, "a long enough passphrase for gina")))
        {
            var problem = await create.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Choose a role: Technician, Expert or OrgAdmin."], problem.Errors!["Role"]);
        }

        using (var change = await admin.PatchJsonAsync($"/api/users/{tess.Id}", new UpdateUserRequest(null, UserRole.Guest, null)))
        {
            var problem = await change.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Choose a role: Technician, Expert or OrgAdmin."], problem.Errors!["Role"]);
        }

        var users = await admin.GetJsonAsync<UserResponse[]>("/api/users");
        Assert.DoesNotContain(users, u => u.Role == UserRole.Guest || u.Email == "gina@example.test");
    }
}
