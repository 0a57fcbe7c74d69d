using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Server.Features.Collaboration;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Calls;

/// The real-time channel of the portal and the glass app. Thin: it says who is calling, the coordinator
/// checks that they belong to the call and does the work.
[Authorize(Policy = CallsRegistration.HubPolicy)]
public sealed class SessionHub(CallCoordinator calls, ConnectionRegistry registry, AppDbContext db, PointerRelay pointers, ChatService chat, SnapshotRelay snapshots, DocumentRelay documents, Routed.RoutedMedia media, Routed.CallRecorder recorder) : Hub<ISessionClient>, ISessionHub
{
    private HubCaller Me => new(
        Context.ConnectionId,
        Guid.Parse(Context.User!.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(Context.User!.FindFirstValue("rs:org")!),
        Context.User!.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
        Enum.Parse<UserRole>(Context.User!.FindFirstValue(ClaimTypes.Role)!),
        Guid.TryParse(Context.User!.FindFirstValue("rs:call"), out var guestCall) ? guestCall : null);

    public override async Task OnConnectedAsync()
    {
        var me = Me;
        var firstConnection = !registry.IsOnline(me.UserId);
        registry.Add(me);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.User(me.UserId));
        if (me.GuestCallId is not null)
        {
            // Guests see their session only: no presence of the organisation's people.
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Organization(me.OrganizationId));
        if (firstConnection)
        {
            await Clients.OthersInGroup(HubGroups.Organization(me.OrganizationId))
                .PresenceChanged(new Contact(me.UserId, me.DisplayName, me.Role, calls.StatusOf(me.UserId)));
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        pointers.Forget(Context.ConnectionId);
        if (registry.Remove(Context.ConnectionId, out var me) && me is not null && me.GuestCallId is null)
        {
            await Clients.OthersInGroup(HubGroups.Organization(me.OrganizationId))
                .PresenceChanged(new Contact(me.UserId, me.DisplayName, me.Role, PresenceStatus.Offline));
        }

        if (me is not null)
        {
            await calls.ConnectionClosedAsync(me);
        }
    }

    public async Task<Contact[]> GetContacts()
    {
        var me = Me;
        if (me.GuestCallId is not null)
        {
            return [];
        }

        var roles = me.Role == UserRole.Technician
            ? new[] { UserRole.Expert, UserRole.OrgAdmin }
            : [UserRole.Technician, UserRole.Expert, UserRole.OrgAdmin];
        var people = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == me.OrganizationId && !u.Disabled && u.Id != me.UserId && roles.Contains(u.Role))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Role })
            .ToListAsync(Context.ConnectionAborted);
        return people.Select(p => new Contact(p.Id, p.DisplayName, p.Role, calls.StatusOf(p.Id))).ToArray();
    }

    public Task<CallInfo> StartCall(StartCallRequest request) => calls.StartAsync(Me, request ?? throw new HubException("Choose who to call."));

    public Task<CallConnection> AcceptCall(Guid callId) => calls.AcceptAsync(Me, callId);

    public Task DeclineCall(Guid callId) => calls.DeclineAsync(Me, callId);

    public Task CancelCall(Guid callId) => calls.CancelAsync(Me, callId);

    public Task HangUp(Guid callId) => calls.HangUpAsync(Me, callId);

    public Task SendSignal(SignalMessage message) => calls.RelaySignalAsync(Me, message ?? throw new HubException("A signal is required."));

    public Task<CallConnection?> ResumeCall() => calls.ResumeAsync(Me);

    public Task<IceServer[]> GetIceServers(Guid callId) => calls.IceServersAsync(Me, callId);

    public Task InviteToCall(InviteRequest request) => calls.InviteAsync(Me, request ?? throw new HubException("Say whom to invite."));

    public Task<MediaAnswer> PublishMedia(PublishRequest request) => media.PublishAsync(Me, request ?? throw new HubException("An offer is required."));

    public Task AnswerMedia(MediaAnswer answer) => media.AnswerAsync(Me, answer ?? throw new HubException("An answer is required."));

    public Task SendMediaCandidate(MediaCandidate candidate) => media.CandidateAsync(Me, candidate ?? throw new HubException("A candidate is required."));

    public Task StartRecording(Guid callId) => recorder.StartAsync(Me, callId);

    public Task StopRecording(Guid callId) => recorder.StopAsync(Me, callId);

    public Task MovePointer(PointerMove move) => pointers.MoveAsync(Me, move ?? throw new HubException("A pointer position is required."));

    public Task<ChatMessageInfo> SendChat(SendChatRequest request) => chat.SendAsync(Me, request ?? throw new HubException("Write a message first."));

    public Task<ChatMessageInfo[]> GetChat(Guid callId) => chat.ListForParticipantAsync(Me, callId, Context.ConnectionAborted);

    public Task RequestSnapshot(Guid callId) => snapshots.RequestAsync(Me, callId);

    public Task AnnounceFile(FileAnnouncement announcement) => snapshots.AnnounceAsync(Me, announcement ?? throw new HubException("Say which file."));

    public Task ShowOnGlasses(ShowImage show) => snapshots.ShowAsync(Me, show ?? throw new HubException("Say which image."));

    public Task DismissShown(Guid callId) => snapshots.DismissAsync(Me, callId);

    public Task ShowDocument(ShowDocument show) => documents.ShowAsync(Me, show ?? throw new HubException("Say which document."));

    public Task TurnPage(PageCommand command) => documents.TurnAsync(Me, command ?? throw new HubException("Say which page."));

    public Task ReportPage(PageCommand command) => documents.ReportAsync(Me, command ?? throw new HubException("Say which page."));
}
