using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Server.Features.Calls;

namespace RemoteSupport.Server.Features.Collaboration;

/// Relays an expert's pointer to the technician's connection in the call. Per connection at most N moves a
/// second go out: a move inside the interval replaces any waiting one and is sent when the interval ends, so the
/// last position always arrives (a pointer that stops must not stop short).
public sealed partial class PointerRelay(
    CallCoordinator calls,
    IHubContext<SessionHub, ISessionClient> hub,
    TimeProvider time,
    IOptions<CollaborationOptions> options,
    ILogger<PointerRelay> logger)
{
    /// One colour per expert of a call, in the order they joined it: the first expert's pointer is red.
    public static readonly IReadOnlyList<string> Palette = ["#ff1a1a", "#1a8cff", "#ffd21a", "#1aff8c", "#ff1ad9", "#ff8c1a"];

    private readonly ConcurrentDictionary<string, Gate> _gates = new();

    private TimeSpan Interval => TimeSpan.FromSeconds(1.0 / options.Value.PointerMovesPerSecond);

    private sealed class Gate
    {
        public DateTimeOffset? LastSent { get; set; }
        public (HubCaller Expert, PointerMove Move)? Pending { get; set; }
        public ITimer? Timer { get; set; }
    }

    public async Task MoveAsync(HubCaller expert, PointerMove move)
    {
        if (!double.IsFinite(move.X) || !double.IsFinite(move.Y) || move.X is < 0 or > 1 || move.Y is < 0 or > 1)
        {
            throw new HubException("A pointer position needs X and Y between 0 and 1.");
        }

        if (expert.Role is not (UserRole.Expert or UserRole.OrgAdmin))
        {
            throw new HubException("Only experts can point.");
        }

        var call = calls.Snapshot(move.CallId);
        if (call is null || call.State != CallState.Active || call.Find(expert.UserId) is null)
        {
            throw new HubException("You are not in this call.");
        }

        var gate = _gates.GetOrAdd(expert.ConnectionId, _ => new Gate());
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (gate.LastSent is { } last && now - last < Interval)
            {
                gate.Pending = (expert, move);
                gate.Timer ??= time.CreateTimer(_ => _ = FlushAsync(expert.ConnectionId, gate), null, last + Interval - now, Timeout.InfiniteTimeSpan);
                return;
            }

            gate.LastSent = now;
        }

        await SendAsync(call, expert, move);
    }

    /// The connection closed: forget its throttle and any move still waiting.
    public void Forget(string connectionId)
    {
        if (_gates.TryRemove(connectionId, out var gate))
        {
            lock (gate)
            {
                gate.Timer?.Dispose();
                gate.Pending = null;
            }
        }
    }

    private async Task FlushAsync(string connectionId, Gate gate)
    {
        (HubCaller Expert, PointerMove Move)? pending;
        lock (gate)
        {
            gate.Timer?.Dispose();
            gate.Timer = null;
            pending = gate.Pending;
            gate.Pending = null;
            if (pending is not null)
            {
                gate.LastSent = time.GetUtcNow();
            }
        }

        // The call may have ended meanwhile: then the move is simply dropped.
        if (pending is { } p && calls.Snapshot(p.Move.CallId) is { State: CallState.Active } call && call.Find(p.Expert.UserId) is not null)
        {
            try
            {
                await SendAsync(call, p.Expert, p.Move);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogFlushFailed(logger, e, connectionId);
            }
        }
    }

    private Task SendAsync(CallSnapshot call, HubCaller expert, PointerMove move)
    {
        var experts = call.Participants.Where(p => p.Participant.Role is UserRole.Expert or UserRole.OrgAdmin)
            .Select(p => p.Participant.UserId).ToList();
        var color = Palette[Math.Max(0, experts.IndexOf(expert.UserId)) % Palette.Count];
        var targets = call.Participants.Where(p => p.Participant.Role == UserRole.Technician)
            .Select(p => p.ConnectionId).OfType<string>().ToList();
        return targets.Count == 0
            ? Task.CompletedTask
            : hub.Clients.Clients(targets).PointerMoved(new PointerPosition(call.CallId, expert.UserId, color, move.X, move.Y));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delayed pointer move of connection {ConnectionId} could not be relayed")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string connectionId);
}
