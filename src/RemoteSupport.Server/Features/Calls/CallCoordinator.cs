using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Calls;

/// The call state machine (ringing → active → ended, with a reason). One lock serialises every transition,
/// so races — two devices answering at once, a cancel crossing an answer — have exactly one winner.
/// Each transition is saved before anyone is told about it.
public sealed partial class CallCoordinator(
    IServiceScopeFactory scopes,
    IHubContext<SessionHub, ISessionClient> hub,
    ConnectionRegistry registry,
    TimeProvider time,
    IOptions<CallsOptions> options,
    ILogger<CallCoordinator> logger) : IHostedService
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<Guid, LiveCall> _calls = [];

    private sealed class LiveCall
    {
        public required CallSession Session { get; init; }
        public required CallParticipant Caller { get; init; }
        public required CallParticipant Callee { get; init; }
        public string? CallerConnection { get; set; }
        public string? CalleeConnection { get; set; }
        public ITimer? RingTimer { get; set; }
        public ITimer? GraceTimer { get; set; }

        public bool Involves(Guid userId) => Caller.UserId == userId || Callee.UserId == userId;

        public CallInfo ToInfo() => new(Session.Id, Session.State, Caller, Callee, Session.StartedAt, Session.AnsweredAt, Session.EndReason);

        public CallSnapshot ToSnapshot() => new(Session.Id, Session.OrganizationId, Session.State,
            [new BoundParticipant(Caller, CallerConnection), new BoundParticipant(Callee, CalleeConnection)]);
    }

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
            return _calls.Values.Any(c => c.Involves(userId));
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
            var now = time.GetUtcNow();
            var session = new CallSession
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = caller.OrganizationId,
                CallerId = caller.UserId,
                CalleeId = callee.Id,
                State = CallState.Ringing,
                StartedAt = now,
            };
            var live = new LiveCall
            {
                Session = session,
                Caller = new CallParticipant(caller.UserId, caller.DisplayName, caller.Role),
                Callee = new CallParticipant(callee.Id, callee.DisplayName, callee.Role),
                CallerConnection = caller.ConnectionId,
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

        // Another organisation's user is "not found", never "exists but not yours".
        var callee = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == calleeId && u.OrganizationId == caller.OrganizationId && !u.Disabled)
            ?? throw new HubException("This person was not found.");
        if (caller.Role == UserRole.Technician && !experts.Contains(callee.Role))
        {
            throw new HubException("Technicians can call experts only.");
        }

        if (!registry.IsOnline(callee.Id))
        {
            throw new HubException($"{callee.DisplayName} is offline.");
        }

        return callee;
    }

    public async Task<CallConnection> AcceptAsync(HubCaller callee, Guid callId)
    {
        LiveCall live;
        await _lock.WaitAsync();
        try
        {
            live = Find(callId, callee.UserId);
            if (live.Callee.UserId != callee.UserId)
            {
                throw new HubException("Only the person called can answer.");
            }

            if (live.Session.State != CallState.Ringing)
            {
                throw new HubException("This call was already answered on another device.");
            }

            live.RingTimer?.Dispose();
            live.Session.State = CallState.Active;
            live.Session.AnsweredAt = time.GetUtcNow();
            live.CalleeConnection = callee.ConnectionId;
            await SaveAsync(live.Session, AuditActions.CallStarted, live);
        }
        finally
        {
            _lock.Release();
        }

        var info = live.ToInfo();
        var others = registry.ConnectionsOf(callee.UserId).Where(c => c != callee.ConnectionId).ToList();
        if (others.Count > 0)
        {
            await hub.Clients.Clients(others).CallEnded(info);
        }

        if (live.CallerConnection is { } callerConnection)
        {
            await hub.Clients.Client(callerConnection).CallAccepted(await ConnectAsync(live, live.Caller.UserId, true));
        }

        await BroadcastPresenceAsync(live);
        return await ConnectAsync(live, callee.UserId, false);
    }

    public Task DeclineAsync(HubCaller callee, Guid callId) =>
        EndAsync(callee, callId, CallEndReason.Declined, live => live.Callee.UserId == callee.UserId && live.Session.State == CallState.Ringing,
            "Only a ringing call can be declined, by the person called.");

    public Task CancelAsync(HubCaller caller, Guid callId) =>
        EndAsync(caller, callId, CallEndReason.Cancelled, live => live.Caller.UserId == caller.UserId && live.Session.State == CallState.Ringing,
            "This call is no longer ringing.");

    public Task HangUpAsync(HubCaller participant, Guid callId) =>
        EndAsync(participant, callId, CallEndReason.HungUp, live => live.Session.State == CallState.Active,
            "This call is not connected; cancel or decline it instead.");

    private async Task EndAsync(HubCaller who, Guid callId, CallEndReason reason, Func<LiveCall, bool> allowed, string refusal)
    {
        await _lock.WaitAsync();
        try
        {
            var live = Find(callId, who.UserId);
            if (!allowed(live))
            {
                throw new HubException(refusal);
            }

            await EndLockedAsync(live, reason);
        }
        finally
        {
            _lock.Release();
        }
    }

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
            if (!_calls.TryGetValue(message.CallId, out var live) || !live.Involves(sender.UserId) || live.Session.State != CallState.Active)
            {
                throw new HubException("You are not in this call.");
            }

            var fromCaller = live.CallerConnection == sender.ConnectionId;
            if (!fromCaller && live.CalleeConnection != sender.ConnectionId)
            {
                throw new HubException("This connection is not the one in the call. Resume the call first.");
            }

            target = fromCaller ? live.CalleeConnection : live.CallerConnection;
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
        string? other;
        await _lock.WaitAsync();
        try
        {
            lock (_calls)
            {
                live = _calls.Values.FirstOrDefault(c => c.Involves(who.UserId));
            }

            if (live is null)
            {
                return null;
            }

            if (live.Session.State == CallState.Ringing)
            {
                if (live.Callee.UserId == who.UserId)
                {
                    await hub.Clients.Client(who.ConnectionId).IncomingCall(live.ToInfo());
                    return null;
                }

                live.CallerConnection = who.ConnectionId;
                return new CallConnection(live.ToInfo(), [], true);
            }

            var isCaller = live.Caller.UserId == who.UserId;
            if (isCaller)
            {
                live.CallerConnection = who.ConnectionId;
            }
            else
            {
                live.CalleeConnection = who.ConnectionId;
            }

            if (live.CallerConnection is not null && live.CalleeConnection is not null)
            {
                live.GraceTimer?.Dispose();
                live.GraceTimer = null;
            }

            other = isCaller ? live.CalleeConnection : live.CallerConnection;
        }
        finally
        {
            _lock.Release();
        }

        if (other is not null)
        {
            await hub.Clients.Client(other).PeerResumed(live.Session.Id);
        }

        return await ConnectAsync(live, who.UserId, live.Caller.UserId == who.UserId);
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
            List<LiveCall> affected;
            lock (_calls)
            {
                affected = _calls.Values.Where(c => c.CallerConnection == who.ConnectionId || c.CalleeConnection == who.ConnectionId).ToList();
            }

            foreach (var live in affected)
            {
                if (live.Session.State == CallState.Ringing)
                {
                    // The caller left while it rang: nobody can answer to them any more.
                    await EndLockedAsync(live, CallEndReason.ConnectionLost);
                    continue;
                }

                var wasCaller = live.CallerConnection == who.ConnectionId;
                if (wasCaller)
                {
                    live.CallerConnection = null;
                }
                else
                {
                    live.CalleeConnection = null;
                }

                var other = wasCaller ? live.CalleeConnection : live.CallerConnection;
                if (other is not null)
                {
                    await hub.Clients.Client(other).PeerReconnecting(live.Session.Id);
                }

                StartGraceTimer(live);
            }
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
        live.GraceTimer?.Dispose();
        live.Session.State = CallState.Ended;
        live.Session.EndReason = reason;
        live.Session.EndedAt = time.GetUtcNow();
        await SaveAsync(live.Session, AuditActions.CallEnded, live);
        lock (_calls)
        {
            _calls.Remove(live.Session.Id);
        }

        var info = live.ToInfo();
        await hub.Clients.Groups(HubGroups.User(live.Caller.UserId), HubGroups.User(live.Callee.UserId)).CallEnded(info);
        await BroadcastPresenceAsync(live);
        LogCallEnded(logger, live.Session.Id, reason);
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

    private async Task SaveAsync(CallSession session, string auditAction, LiveCall live)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.CallSessions.Where(c => c.Id == session.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, session.State)
            .SetProperty(c => c.AnsweredAt, session.AnsweredAt)
            .SetProperty(c => c.EndedAt, session.EndedAt)
            .SetProperty(c => c.EndReason, session.EndReason));
        var details = auditAction == AuditActions.CallEnded ? $"{session.EndReason}" : null;
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Record(session.OrganizationId, auditAction,
            $"{live.Caller.DisplayName} → {live.Callee.DisplayName}", details, live.Caller.UserId, live.Caller.DisplayName);
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
        foreach (var p in new[] { live.Caller, live.Callee })
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
