using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Guests;

/// Keeps guests on the hub to what a guest may do. A guest is not a member of the organisation: they get no presence, no
/// contact list and no organisation group, only their own user group (so a call can reach them); they may call only the hub
/// methods listed here, and every call re-checks that their invitation still stands (revoked, expired, call over → the
/// connection is closed).
internal sealed class GuestHubFilter(GuestConnections connections, TimeProvider time, CallCoordinator calls) : IHubFilter
{
    // Everything else — contacts, starting or answering calls, snapshots, documents, the pointer — is refused.
    private static readonly FrozenSet<string> Allowed = new[]
    {
        nameof(ISessionHub.HangUp),
        nameof(ISessionHub.SendSignal),
        nameof(ISessionHub.ResumeCall),
        nameof(ISessionHub.GetIceServers),
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

        return Allowed.Contains(invocationContext.HubMethodName)
            ? await next(invocationContext)
            : throw new HubException("Guests cannot do this.");
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (!GuestUser.IsGuest(context.Context.User))
        {
            await next(context);
            return;
        }

        var guest = GuestUser.From(context.Context.User!);
        connections.Add(guest.GuestId, context.Context);
        await context.Hub.Groups.AddToGroupAsync(context.Context.ConnectionId, HubGroups.User(guest.GuestId));
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
