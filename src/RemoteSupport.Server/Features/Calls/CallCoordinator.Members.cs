using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Calls;

/// More than two people: invitations into a running call, guests, leaving, and the move to the media server that a third
/// participant needs.
public sealed partial class CallCoordinator
{
    /// Experts ring another user of the organisation into their active call.
    public async Task InviteAsync(HubCaller who, InviteRequest request)
    {
        await _lock.WaitAsync();
        try
        {
            if (who.Role is not (UserRole.Expert or UserRole.OrgAdmin))
            {
                throw new HubException("Only experts can invite people into a call.");
            }

            var live = Find(request.CallId, who.UserId);
            if (live.Session.State != CallState.Active || live.Member(who.UserId)!.Status != MemberStatus.Joined)
            {
                throw new HubException("Invite people once the call is connected.");
            }

            RequireMediaServer(live);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var invitee = await FindColleagueAsync(db, who, request.UserId);
            if (live.Involves(invitee.Id))
            {
                throw new HubException($"{invitee.DisplayName} is already in this call.");
            }

            if (IsBusy(invitee.Id))
            {
                throw new HubException($"{invitee.DisplayName} is in another call.");
            }

            var member = new CallMember(new CallParticipant(invitee.Id, invitee.DisplayName, invitee.Role), MemberStatus.Ringing, null)
            {
                InvitedBy = who.UserId,
            };
            live.Members.Add(member);
            var callId = live.Session.Id;
            member.RingTimer = time.CreateTimer(_ => _ = OnInviteTimeoutAsync(callId, member), null, options.Value.RingTimeout, Timeout.InfiniteTimeSpan);
            await hub.Clients.Group(HubGroups.User(invitee.Id)).IncomingCall(live.ToInfo());
            await BroadcastPresenceAsync(live);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// A third participant needs the media server: a peer-to-peer call without one cannot grow.
    private void RequireMediaServer(LiveCall live)
    {
        if (live.Mode != CallMode.Routed && !rooms.Available)
        {
            throw new HubException("More than two people in a call need the media server, and it is not available right now.");
        }
    }

    // Callers hold _lock. The member answered an invitation (or a guest arrived): they join, and a peer-to-peer call moves to
    // the media server — the others renegotiate there when they see the new mode.
    private async Task JoinLockedAsync(LiveCall live, CallMember member, string connectionId)
    {
        RequireMediaServer(live);
        member.RingTimer?.Dispose();
        member.RingTimer = null;
        member.Status = MemberStatus.Joined;
        member.Connection = connectionId;
        if (live.Mode != CallMode.Routed)
        {
            await SwitchToRoutedLockedAsync(live);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.CallParticipations.Add(new CallParticipation
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            CallId = live.Session.Id,
            OrganizationId = live.Session.OrganizationId,
            ParticipantId = member.UserId,
            DisplayName = member.Participant.DisplayName,
            Role = member.Participant.Role,
            JoinedAt = time.GetUtcNow(),
        });
        scope.ServiceProvider.GetRequiredService<Audit.AuditTrail>().Record(live.Session.OrganizationId, Audit.AuditActions.CallJoined,
            $"{live.Caller.Participant.DisplayName} → {live.Callee.Participant.DisplayName}",
            $"{member.Participant.DisplayName} ({member.Participant.Role}) joined; the call goes through the media server",
            member.Participant.Role == UserRole.Guest ? null : member.UserId, member.Participant.DisplayName);
        await db.SaveChangesAsync();
        await NotifyUpdatedAsync(live, except: member);
    }

    // Callers hold _lock.
    private async Task SwitchToRoutedLockedAsync(LiveCall live)
    {
        live.Session.Mode = CallMode.Routed;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.CallSessions.Where(c => c.Id == live.Session.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Mode, CallMode.Routed));
        LogSwitchedToRouted(logger, live.Session.Id);
    }

    /// Moves a peer-to-peer call to the media server (recording needs it). Everyone in the call hears CallUpdated.
    public async Task EnsureRoutedAsync(Guid callId)
    {
        await _lock.WaitAsync();
        try
        {
            LiveCall? live;
            lock (_calls)
            {
                _calls.TryGetValue(callId, out live);
            }

            if (live is null || live.Mode == CallMode.Routed)
            {
                return;
            }

            RequireMediaServer(live);
            await SwitchToRoutedLockedAsync(live);
            await NotifyUpdatedAsync(live, except: null);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// Sets the recording flag everyone sees, and tells them.
    public async Task SetRecordingAsync(Guid callId, bool recording)
    {
        await _lock.WaitAsync();
        try
        {
            LiveCall? live;
            lock (_calls)
            {
                _calls.TryGetValue(callId, out live);
            }

            if (live is not null && live.Recording != recording)
            {
                live.Recording = recording;
                await NotifyUpdatedAsync(live, except: null);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    // Callers hold _lock. Someone leaves (hung up, or did not come back in time); the call ends when fewer than two remain.
    private async Task LeaveLockedAsync(LiveCall live, CallMember member, CallEndReason reason)
    {
        if (live.Joined.Count(m => m != member) < 2)
        {
            await EndLockedAsync(live, reason);
            return;
        }

        member.StopTimers();
        member.Status = MemberStatus.Left;
        member.Connection = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = time.GetUtcNow();
            await db.CallParticipations.Where(p => p.CallId == live.Session.Id && p.ParticipantId == member.UserId && p.LeftAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeftAt, now));
        }

        await hub.Clients.Group(HubGroups.User(member.UserId)).CallEnded(live.ToInfo() with { State = CallState.Ended, EndReason = reason });
        if (rooms.Find(live.Session.Id) is { } room)
        {
            await room.LeaveAsync(member.UserId);
        }

        await NotifyUpdatedAsync(live, except: null);
        await BroadcastPresenceAsync(live);
    }

    // Callers hold _lock. An invitation that was declined or not answered in time: it stops ringing, and the expert who
    // invited hears why.
    private async Task DropInviteeLockedAsync(LiveCall live, CallMember member, CallEndReason reason)
    {
        member.StopTimers();
        member.Status = MemberStatus.Left;
        await hub.Clients.Group(HubGroups.User(member.UserId)).CallEnded(live.ToInfo() with { EndReason = reason });
        if (member.InvitedBy is { } inviter && live.Member(inviter)?.Connection is { } connection)
        {
            await hub.Clients.Client(connection).InvitationEnded(new InvitationOutcome(live.Session.Id, member.Participant, reason));
        }

        await BroadcastPresenceAsync(live);
    }

    private async Task OnInviteTimeoutAsync(Guid callId, CallMember member)
    {
        await _lock.WaitAsync();
        try
        {
            LiveCall? live;
            lock (_calls)
            {
                _calls.TryGetValue(callId, out live);
            }

            if (live is not null && member.Status == MemberStatus.Ringing)
            {
                await DropInviteeLockedAsync(live, member, CallEndReason.Missed);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogTimerFailed(logger, e, callId);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// A guest's hub connection: they joined their call by redeeming the invitation link.
    private async Task<LiveCall?> JoinAsGuestLockedAsync(HubCaller guest)
    {
        LiveCall? live;
        lock (_calls)
        {
            _calls.TryGetValue(guest.GuestCallId!.Value, out live);
        }

        if (live is null || live.Session.State != CallState.Active || live.Session.OrganizationId != guest.OrganizationId)
        {
            return null;
        }

        if (live.Member(guest.UserId) is null)
        {
            RequireMediaServer(live);
            var member = new CallMember(new CallParticipant(guest.UserId, guest.DisplayName, UserRole.Guest), MemberStatus.Ringing, null);
            live.Members.Add(member);
            await JoinLockedAsync(live, member, guest.ConnectionId);
        }

        return live;
    }

    private Task NotifyUpdatedAsync(LiveCall live, CallMember? except)
    {
        var targets = live.Joined.Where(m => m != except).Select(m => m.Connection).OfType<string>().ToList();
        return targets.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(targets).CallUpdated(live.ToInfo());
    }

    /// After the end: the media room goes (Janus closes its recording files), then a recording of the call is finished.
    private async Task OnCallEndedAsync(LiveCall live)
    {
        await rooms.CloseAsync(live.Session.Id);
        CallEnded?.Invoke(live.Session.Id);
    }

    /// Raised when a call has ended and its media room is closed. Handlers must not call back into the coordinator
    /// synchronously (it holds its lock).
    public event Action<Guid>? CallEnded;

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} moved to the media server (ROUTED)")]
    private static partial void LogSwitchedToRouted(ILogger logger, Guid callId);
}
