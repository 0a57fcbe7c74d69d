namespace RemoteSupport.Server.Features.Sfu;

/// The open media rooms, one per ROUTED call, each on the least-loaded healthy Janus node.
public sealed class MediaRooms(JanusNodes nodes, ILogger<MediaRooms> logger)
{
    private readonly Dictionary<Guid, MediaRoom> _rooms = [];
    private readonly SemaphoreSlim _opening = new(1, 1);

    /// Whether a ROUTED call could be placed now.
    public bool Available => nodes.AnyHealthy;

    /// Whether this deployment has a media server at all.
    public bool Configured => nodes.Configured;

    /// The call's room, opened on first use; a room lost with its node is replaced by a new one.
    public async Task<MediaRoom> GetOrOpenAsync(Guid callId, IMediaRoomListener listener, CancellationToken cancellationToken)
    {
        if (Find(callId) is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (Find(callId) is { } opened)
            {
                return opened;
            }

            var node = nodes.LeastLoaded() ?? throw new JanusException("No media server is available right now.");
            var room = await MediaRoom.CreateAsync(callId, node, listener, cancellationToken);
            lock (_rooms)
            {
                _rooms[callId] = room;
            }

            SfuLog.RoomOpened(logger, callId, node.Name);
            return room;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// The call's room if it is open (and not lost with its node).
    public MediaRoom? Find(Guid callId)
    {
        lock (_rooms)
        {
            return _rooms.TryGetValue(callId, out var room) && !room.IsLost ? room : null;
        }
    }

    public async Task CloseAsync(Guid callId)
    {
        MediaRoom? room;
        lock (_rooms)
        {
            _rooms.Remove(callId, out room);
        }

        if (room is not null)
        {
            await room.CloseAsync();
            SfuLog.RoomClosed(logger, callId);
        }
    }
}
