using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Features.Sfu;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Calls;

/// The call state machine (ringing → active → ended, with a reason) and who is in each call. One lock serialises every
/// transition, so races — two devices answering at once, a cancel crossing an answer — have exactly one winner. Each
/// transition is saved before anyone is told about it.
public sealed partial class CallCoordinator(
    IServiceScopeFactory scopes,
    IHubContext<SessionHub, ISessionClient> hub,
    ConnectionRegistry registry,
    MediaRooms rooms,
    TimeProvider time,
    IOptions<CallsOptions> options,
    ILogger<CallCoordinator> logger) : IHostedService
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<Guid, LiveCall> _calls = [];

    /// The live call as it is now, or null once it has ended.
    public CallSnapshot? Snapshot(Guid callId)
    {
        lock (_calls)
        {
            return _calls.TryGetValue(callId, out var live) ? live.ToSnapshot() : null;
        }
    }

    public bool IsBusy(Guid userId)
    {
        lock (_calls)
        {
            return _calls.Values.Any(c => c.Member(userId) is { } m && (m.Status == MemberStatus.Joined || c.Session.State == CallState.Ringing));
        }
    }

    public async Task<CallInfo> StartAsync(HubCaller caller, StartCallRequest request)
    {
        await _lock.WaitAsync();
        try
        {
            if (IsBusy(caller.UserId))
            {
                throw new HubException("You are already in a call.");
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var callee = await ResolveCalleeAsync(db, caller, request);
            var organizationMode = await db.Organizations.Where(o => o.Id == caller.OrganizationId).Select(o => o.CallMode).FirstAsync();
            var now = time.GetUtcNow();
            var session = new CallSession
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = caller.OrganizationId,
                CallerId = caller.UserId,
                CalleeId = callee.Id,
                State = CallState.Ringing,
                StartedAt = now,
                // Calls are never blocked by a missing media server: they go peer to peer.
                Mode = organizationMode == CallMode.Routed && rooms.Available ? CallMode.Routed : CallMode.PeerToPeer,
            };
            var live = new LiveCall
            {
                Session = session,
                Members =
                [
                    new CallMember(new CallParticipant(caller.UserId, caller.DisplayName, caller.Role), MemberStatus.Joined, caller.ConnectionId),
                    new CallMember(new CallParticipant(callee.Id, callee.DisplayName, callee.Role), MemberStatus.Ringing, null),
                ],
            };

            if (IsBusy(callee.Id))
            {
                session.State = CallState.Ended;
                session.EndedAt = now;
                session.EndReason = CallEndReason.Busy;
                db.CallSessions.Add(session);
                await db.SaveChangesAsync();
                await hub.Clients.Client(caller.ConnectionId).CallEnded(live.ToInfo());
                return live.ToInfo();
            }

            db.CallSessions.Add(session);
            await db.SaveChangesAsync();
            lock (_calls)
            {
                _calls[session.Id] = live;
            }

            live.RingTimer = time.CreateTimer(_ => _ = OnRingTimeoutAsync(session.Id), null, options.Value.RingTimeout, Timeout.InfiniteTimeSpan);
            var info = live.ToInfo();
            await hub.Clients.Group(HubGroups.User(callee.Id)).IncomingCall(info);
            await BroadcastPresenceAsync(live);
            LogCallStarted(logger, session.Id);
            return info;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<Accounts.User> ResolveCalleeAsync(AppDbContext db, HubCaller caller, StartCallRequest request)
    {
        if (caller.GuestCallId is not null)
        {
            throw new HubException("Guests cannot start calls.");
        }

        var experts = new[] { UserRole.Expert, UserRole.OrgAdmin };
        if (request.AnyExpert)
        {
            var candidates = await db.Users.AsNoTracking()
                .Where(u => u.OrganizationId == caller.OrganizationId && !u.Disabled && u.Id != caller.UserId && experts.Contains(u.Role))
                .OrderBy(u => u.DisplayName).ToListAsync();
            return candidates.FirstOrDefault(u => registry.IsOnline(u.Id) && !IsBusy(u.Id))
                ?? throw new HubException("No expert is available right now. Try again in a moment.");
        }

        if (request.CalleeUserId is not { } calleeId || calleeId == caller.UserId)
        {
            throw new HubException("Choose who to call.");
        }

        var callee = await FindColleagueAsync(db, caller, calleeId);
        if (caller.Role == UserRole.Technician && !experts.Contains(callee.Role))
        {
            throw new HubException("Technicians can call experts only.");
        }

        return callee;
    }

    /// Another organisation's user is "not found", never "exists but not yours".
    private async Task<Accounts.User> FindColleagueAsync(AppDbContext db, HubCaller caller, Guid userId)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.OrganizationId == caller.OrganizationId && !u.Disabled)
            ?? throw new HubException("This person was not found.");
        return registry.IsOnline(user.Id) ? user : throw new HubException($"{user.DisplayName} is offline.");
    }

    public async Task<CallConnection> AcceptAsync(HubCaller who, Guid callId)
    {
        LiveCall live;
        var invited = false;
        await _lock.WaitAsync();
        try
        {
            live = Find(callId, who.UserId);
            var member = live.Member(who.UserId)!;
            if (member.Status != MemberStatus.Ringing)
            {
                throw new HubException(member == live.Caller ? "Only the person called can answer." : "This call was already answered on another device.");
            }

            if (member == live.Callee)
            {
                if (live.Session.State != CallState.Ringing)
                {
                    throw new HubException("This call was already answered on another device.");
                }

                live.RingTimer?.Dispose();
                live.Session.State = CallState.Active;
                live.Session.AnsweredAt = time.GetUtcNow();
                member.Status = MemberStatus.Joined;
                member.Connection = who.ConnectionId;
                await SaveAsync(live, AuditActions.CallStarted);
            }
            else
            {
                invited = true;
                await JoinLockedAsync(live, member, who.ConnectionId);
            }
        }
        finally
        {
            _lock.Release();
        }

        var others = registry.ConnectionsOf(who.UserId).Where(c => c != who.ConnectionId).ToList();
        if (others.Count > 0)
        {
            await hub.Clients.Clients(others).CallEnded(live.ToInfo() with { State = CallState.Active });
        }

        if (!invited && live.Caller.Connection is { } callerConnection)
        {
            await hub.Clients.Client(callerConnection).CallAccepted(await ConnectAsync(live, live.Caller.UserId, true));
        }

        await BroadcastPresenceAsync(live);
        return await ConnectAsync(live, who.UserId, false);
    }

    public Task DeclineAsync(HubCaller who, Guid callId) => DeclineOrCancelAsync(who, callId, decline: true);

    public Task CancelAsync(HubCaller who, Guid callId) => DeclineOrCancelAsync(who, callId, decline: false);

    private async Task DeclineOrCancelAsync(HubCaller who, Guid callId, bool decline)
    {
        await _lock.WaitAsync();
        try
        {
            var live = Find(callId, who.UserId);
            var member = live.Member(who.UserId)!;
            if (decline && member.Status == MemberStatus.Ringing && member != live.Callee)
            {
                // An invitation into a running call: only this person stops ringing.
                await DropInviteeLockedAsync(live, member, CallEndReason.Declined);
                return;
            }

            var allowed = decline
                ? member == live.Callee && live.Session.State == CallState.Ringing
                : member == live.Caller && live.Session.State == CallState.Ringing;
            if (!allowed)
            {
                throw new HubException(decline ? "Only a ringing call can be declined, by the person called." : "This call is no longer ringing.");
            }

            await EndLockedAsync(live, decline ? CallEndReason.Declined : CallEndReason.Cancelled);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// Hanging up leaves the call; the call ends when fewer than two people remain in it.
    public async Task HangUpAsync(HubCaller who, Guid callId)
    {
        await _lock.WaitAsync();
        try
        {
            var live = Find(callId, who.UserId);
            var member = live.Member(who.UserId)!;
            if (live.Session.State != CallState.Active || member.Status != MemberStatus.Joined)
            {
                throw new HubException("This call is not connected; cancel or decline it instead.");
            }

            await LeaveLockedAsync(live, member, CallEndReason.HungUp);
        }
        finally
        {
            _lock.Release();
        }
    }

    // Callers hold _lock.
    private async Task EndLockedAsync(LiveCall live, CallEndReason reason)
    {
        live.RingTimer?.Dispose();
        foreach (var member in live.Members)
        {
            member.StopTimers();
        }

        live.Session.State = CallState.Ended;
        live.Session.EndReason = reason;
        live.Session.EndedAt = time.GetUtcNow();
        await SaveAsync(live, AuditActions.CallEnded);
        lock (_calls)
        {
            _calls.Remove(live.Session.Id);
        }

        var info = live.ToInfo();
        await hub.Clients.Groups(live.Members.Where(m => m.Status != MemberStatus.Left || m == live.Caller || m == live.Callee)
            .Select(m => HubGroups.User(m.UserId)).Distinct().ToList()).CallEnded(info);
        await BroadcastPresenceAsync(live);
        LogCallEnded(logger, live.Session.Id, reason);
        await OnCallEndedAsync(live);
    }

    private LiveCall Find(Guid callId, Guid userId)
    {
        lock (_calls)
        {
            return _calls.TryGetValue(callId, out var live) && live.Involves(userId)
                ? live
                : throw new HubException("This call has ended or is not yours.");
        }
    }

    private async Task SaveAsync(LiveCall live, string auditAction)
    {
        var session = live.Session;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.CallSessions.Where(c => c.Id == session.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, session.State)
            .SetProperty(c => c.AnsweredAt, session.AnsweredAt)
            .SetProperty(c => c.EndedAt, session.EndedAt)
            .SetProperty(c => c.EndReason, session.EndReason)
            .SetProperty(c => c.Mode, session.Mode));
        var details = auditAction == AuditActions.CallEnded ? $"{session.EndReason}" : null;
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Record(session.OrganizationId, auditAction,
            $"{live.Caller.Participant.DisplayName} → {live.Callee.Participant.DisplayName}", details, live.Caller.UserId, live.Caller.Participant.DisplayName);
        await db.SaveChangesAsync();
    }

    private async Task<CallConnection> ConnectAsync(LiveCall live, Guid userId, bool isOfferer)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ice = await scope.ServiceProvider.GetRequiredService<Media.IceServerProvider>().GetAsync(live.Session.OrganizationId, userId, CancellationToken.None);
        return new CallConnection(live.ToInfo(), ice, isOfferer);
    }

    private async Task BroadcastPresenceAsync(LiveCall live)
    {
        var group = hub.Clients.Group(HubGroups.Organization(live.Session.OrganizationId));
        foreach (var p in live.Members.Select(m => m.Participant).Where(p => p.Role != UserRole.Guest).DistinctBy(p => p.UserId))
        {
            await group.PresenceChanged(new Contact(p.UserId, p.DisplayName, p.Role, StatusOf(p.UserId)));
        }
    }

    public PresenceStatus StatusOf(Guid userId) =>
        !registry.IsOnline(userId) ? PresenceStatus.Offline : IsBusy(userId) ? PresenceStatus.Busy : PresenceStatus.Online;

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ringing")]
    private static partial void LogCallStarted(ILogger logger, Guid callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ended: {Reason}")]
    private static partial void LogCallEnded(ILogger logger, Guid callId, CallEndReason reason);
}
