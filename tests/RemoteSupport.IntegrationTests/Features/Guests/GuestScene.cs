using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Contracts.Guests;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Features.SessionFiles;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Features.Guests;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.IntegrationTests.Features.Guests;

/// A live call between the admin (as expert) and the technician's glasses, and helpers to invite and join as a guest.
public static class GuestScene
{
    public const string GuestCookie = "__Host-rs-guest";

    /// With the real managed Janus: a guest makes a third participant, which needs the media server.
    public static async Task<(CallScene Scene, Guid CallId)> CreateWithLiveCallAsync(params (string Key, object? Value)[] settings)
    {
        var scene = await CallScene.CreateAsync([
            ("Guests:JoinsPerIpPerMinute", 10000),
            ("Janus:Mode", "Managed"),
            ("Janus:WebSocketPort", FreePort()),
            ("Janus:RtpPortRange", "33000-33499"),
            .. settings]);
        var rooms = scene.Factory.Services.GetRequiredService<Server.Features.Sfu.MediaRooms>();
        for (var i = 0; i < 200 && !rooms.Available; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(rooms.Available, "The managed Janus did not connect within 10 s (is the Debian package janus installed?).");
        return (scene, await scene.StartActiveCallAsync());
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Task<HttpResponseMessage> TryInviteAsync(this HttpClient expert, Guid callId) =>
        expert.PostAsync($"/api/calls/{callId}/guest-invites", null);

    public static async Task<GuestInviteCreatedResponse> InviteAsync(this HttpClient expert, Guid callId)
    {
        using var response = await expert.TryInviteAsync(callId);
        return await response.ReadAsync<GuestInviteCreatedResponse>(HttpStatusCode.OK);
    }

    public static string TokenOf(GuestInviteCreatedResponse invite) => invite.Link[(invite.Link.IndexOf('#', StringComparison.Ordinal) + 1)..];

    public static async Task<HttpResponseMessage> TryJoinAsync(this HttpClient guest, string? token, string? displayName)
    {
        await guest.GetAntiforgeryAsync();
        return await guest.PostJsonAsync("/api/guest/join", new GuestJoinRequest(token, displayName));
    }

    public static async Task<GuestSessionResponse> JoinAsync(this HttpClient guest, string token, string displayName)
    {
        using var response = await guest.TryJoinAsync(token, displayName);
        return await response.ReadAsync<GuestSessionResponse>(HttpStatusCode.OK);
    }

    public static async Task<GuestInvite> InviteRowAsync(this RemoteSupportFactory factory, Guid inviteId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().GuestInvites.AsNoTracking().SingleAsync(i => i.Id == inviteId);
    }

    public static async Task<string[]> AuditActionsAsync(this RemoteSupportFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .Where(a => a.Action.StartsWith("guest.")).OrderBy(a => a.At).Select(a => a.Action).ToArrayAsync();
    }
}
