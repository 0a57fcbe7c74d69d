using System.Collections.Concurrent;

namespace RemoteSupport.Server.Features.Calls;

/// Who is connected to the hub right now: a user is online while any of their connections is open.
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, HubCaller> _connections = new();

    public void Add(HubCaller caller) => _connections[caller.ConnectionId] = caller;

    /// Returns true when this was the user's last connection.
    public bool Remove(string connectionId, out HubCaller? caller)
    {
        if (!_connections.TryRemove(connectionId, out caller))
        {
            return false;
        }

        var userId = caller.UserId;
        return !_connections.Values.Any(c => c.UserId == userId);
    }

    public bool IsOnline(Guid userId) => _connections.Values.Any(c => c.UserId == userId);

    public IReadOnlyList<string> ConnectionsOf(Guid userId) =>
        _connections.Values.Where(c => c.UserId == userId).Select(c => c.ConnectionId).ToList();

    public bool IsConnected(string connectionId) => _connections.ContainsKey(connectionId);
}

/// One hub connection and whose it is.
public sealed record HubCaller(string ConnectionId, Guid UserId, Guid OrganizationId, string DisplayName, Contracts.Accounts.UserRole Role, Guid? GuestCallId = null);
