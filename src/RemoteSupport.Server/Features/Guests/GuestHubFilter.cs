using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Guests;

/// Guests on the hub, as a second line behind the hub's own checks: every call re-checks that the invitation still stands
/// (withdrawn, expired, call over → the connection is closed), a guest may call only the hub methods listed here, and
/// their connections are tracked so that withdrawing the invitation closes them at once. Connecting and disconnecting
/// go through to SessionHub unchanged (it keeps guests out of the organisation's presence and groups).
internal sealed class GuestHubFilter(GuestConnections connections, TimeProvider time, CallCoordinator calls) : IHubFilter
{
    // What a guest does in a call: join it (ResumeCall), exchange media (peer-to-peer signals, or the ROUTED media
    // methods), chat, hang up. Never: contacts, starting or answering calls, inviting, recording, snapshots, documents,
    // the pointer. The routed-media names are ISessionHub methods of the ROUTED work; an unknown name matches nothing.
    private static readonly FrozenSet<string> Allowed = new[]
    {
        nameof(ISessionHub.ResumeCall),
        nameof(ISessionHub.HangUp),
        nameof(ISessionHub.SendSignal),
        nameof(ISessionHub.GetIceServers),
        "PublishMedia",
        "AnswerMedia",
        "SendMediaCandidate",
        nameof(ISessionHub.SendChat),
        nameof(ISessionHub.GetChat),
    }.ToFrozenSet(StringComparer.Ordinal);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var user = invocationContext.Context.User;
        if (!GuestUser.IsGuest(user))
        {
            return await next(invocationContext);
        }

        var guest = GuestUser.From(user!);
        var db = invocationContext.ServiceProvider.GetRequiredService<AppDbContext>();
        var invite = await db.GuestInvites.AsNoTracking().FirstOrDefaultAsync(i => i.GuestId == guest.GuestId, invocationContext.Context.ConnectionAborted);
        var now = time.GetUtcNow();
        if (invite is null || invite.RevokedAt is not null || invite.GuestSecretHash is null || invite.SessionEndsAt <= now || calls.Snapshot(invite.CallId) is null)
        {
            invocationContext.Context.Abort();
            throw new HubException("Your guest session has ended.");
        }

        // A guest is nobody's contact and has none.
        if (invocationContext.HubMethodName == nameof(ISessionHub.GetContacts))
        {
            return Array.Empty<Contact>();
        }

        return Allowed.Contains(invocationContext.HubMethodName)
            ? await next(invocationContext)
            : throw new HubException("Guests cannot do this.");
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (GuestUser.IsGuest(context.Context.User))
        {
            connections.Add(GuestUser.From(context.Context.User!).GuestId, context.Context);
        }

        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Remove(context.Context.ConnectionId);
        return next(context, exception);
    }
}

/// The open hub connections of guests, so that withdrawing an invitation closes them at once.
internal sealed class GuestConnections
{
    private readonly ConcurrentDictionary<string, (Guid GuestId, HubCallerContext Context)> _connections = new();

    public void Add(Guid guestId, HubCallerContext context) => _connections[context.ConnectionId] = (guestId, context);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public void SignOut(Guid guestId)
    {
        foreach (var (_, (id, context)) in _connections)
        {
            if (id == guestId)
            {
                context.Abort();
            }
        }
    }
}
