using Microsoft.AspNetCore.SignalR;
using RemoteSupport.Contracts.Calls;

namespace RemoteSupport.Server.Features.Calls;

/// Hub connections coming and going: resuming a call on a new connection, the grace period of a dropped one, and the
/// peer-to-peer signals relayed between the two connections of a call.
public sealed partial class CallCoordinator
{
    public async Task RelaySignalAsync(HubCaller sender, SignalMessage message)
    {
        if (!Enum.IsDefined(message.Kind) || string.IsNullOrEmpty(message.Payload))
        {
            throw new HubException("A signal needs a kind (Offer, Answer, Candidate) and a payload.");
        }

        if (message.Payload.Length > options.Value.MaxSignalPayload)
        {
            throw new HubException($"A signal payload may have at most {options.Value.MaxSignalPayload} characters.");
        }

        string? target;
        lock (_calls)
        {
            if (!_calls.TryGetValue(message.CallId, out var live) || live.Member(sender.UserId) is not { Status: MemberStatus.Joined } member
                || live.Session.State != CallState.Active)
            {
                throw new HubException("You are not in this call.");
            }

            if (live.Mode == CallMode.Routed)
            {
                throw new HubException("This call goes through the media server; publish your media there.");
            }

            if (member.Connection != sender.ConnectionId)
            {
                throw new HubException("This connection is not the one in the call. Resume the call first.");
            }

            target = (member == live.Caller ? live.Callee : live.Caller).Connection;
        }

        // The other side is reconnecting: its resume triggers an ICE restart, which renegotiates anyway.
        if (target is not null)
        {
            await hub.Clients.Client(target).Signal(message);
        }
    }

    public async Task<CallConnection?> ResumeAsync(HubCaller who)
    {
        LiveCall? live;
        List<string> others;
        await _lock.WaitAsync();
        try
        {
            lock (_calls)
            {
                live = _calls.Values.FirstOrDefault(c => c.Member(who.UserId) is { Status: MemberStatus.Joined } || (c.Session.State == CallState.Ringing && c.Involves(who.UserId)));
            }

            if (live is null && who.GuestCallId is not null)
            {
                live = await JoinAsGuestLockedAsync(who);
                if (live is not null)
                {
                    return await ConnectAsync(live, who.UserId, false);
                }
            }

            if (live is null)
            {
                // An invitation into a running call rings again on this connection.
                await RingInvitationsAsync(who);
                return null;
            }

            var member = live.Member(who.UserId)!;
            if (live.Session.State == CallState.Ringing)
            {
                if (member == live.Callee)
                {
                    await hub.Clients.Client(who.ConnectionId).IncomingCall(live.ToInfo());
                    return null;
                }

                member.Connection = who.ConnectionId;
                return new CallConnection(live.ToInfo(), [], true);
            }

            member.Connection = who.ConnectionId;
            member.GraceTimer?.Dispose();
            member.GraceTimer = null;
            others = live.Joined.Where(m => m != member).Select(m => m.Connection).OfType<string>().ToList();
            if (live.Mode == CallMode.Routed && rooms.Find(live.Session.Id) is { } room)
            {
                // A new page (or connection) publishes afresh: what it published before is gone with its peer connections.
                await room.LeaveAsync(member.UserId);
            }
        }
        finally
        {
            _lock.Release();
        }

        if (others.Count > 0 && live.Mode == CallMode.PeerToPeer)
        {
            await hub.Clients.Clients(others).PeerResumed(live.Session.Id);
        }

        return await ConnectAsync(live, who.UserId, live.Caller.UserId == who.UserId);
    }

    private async Task RingInvitationsAsync(HubCaller who)
    {
        List<CallInfo> ringing;
        lock (_calls)
        {
            ringing = _calls.Values.Where(c => c.Session.State == CallState.Active && c.Member(who.UserId) is { Status: MemberStatus.Ringing })
                .Select(c => c.ToInfo()).ToList();
        }

        foreach (var call in ringing)
        {
            await hub.Clients.Client(who.ConnectionId).IncomingCall(call);
        }
    }

    public async Task<IceServer[]> IceServersAsync(HubCaller who, Guid callId)
    {
        lock (_calls)
        {
            if (!_calls.TryGetValue(callId, out var live) || !live.Involves(who.UserId))
            {
                throw new HubException("You are not in this call.");
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Media.IceServerProvider>().GetAsync(who.OrganizationId, who.UserId, CancellationToken.None);
    }

    public async Task ConnectionClosedAsync(HubCaller who)
    {
        await _lock.WaitAsync();
        try
        {
            List<(LiveCall Call, CallMember Member)> affected;
            lock (_calls)
            {
                affected = _calls.Values.SelectMany(c => c.Members.Where(m => m.Connection == who.ConnectionId).Select(m => (c, m))).ToList();
            }

            foreach (var (live, member) in affected)
            {
                if (live.Session.State == CallState.Ringing)
                {
                    // The caller left while it rang: nobody can answer to them any more.
                    await EndLockedAsync(live, CallEndReason.ConnectionLost);
                    continue;
                }

                member.Connection = null;
                var others = live.Joined.Where(m => m != member).Select(m => m.Connection).OfType<string>().ToList();
                if (others.Count > 0)
                {
                    await hub.Clients.Clients(others).PeerReconnecting(live.Session.Id);
                }

                StartGraceTimer(live, member);
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
