using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace RemoteSupport.Server.Features.Sfu;

/// One Janus node and the single WebSocket this server keeps to it, reconnected with backoff whenever it drops. When it
/// drops, every session on it is lost (Janus ends them with the transport) and their owners hear it.
internal sealed class JanusNode(string name, Uri url, string? apiSecret, string? adminKey, JanusOptions options, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<long, JanusSession> _sessions = new();
    private volatile JanusConnection? _connection;
    private int _rooms;

    public string Name { get; } = name;

    public string? AdminKey { get; } = adminKey;

    public bool Healthy => _connection?.IsOpen == true;

    /// Rooms placed here now: the load measure for placing the next one.
    public int Rooms => Volatile.Read(ref _rooms);

    public TimeSpan KeepAliveInterval => options.KeepAliveInterval;

    public TimeProvider Time => time;

    public void RoomOpened() => Interlocked.Increment(ref _rooms);

    public void RoomClosed() => Interlocked.Decrement(ref _rooms);

    /// The node came (back) up: a fresh connection, with no sessions from before.
    public event Action<JanusNode>? Connected;

    public Task<JsonObject> RequestAsync(JsonObject message, CancellationToken cancellationToken, bool ackCompletes = false) =>
        (_connection is { IsOpen: true } connection ? connection : throw new JanusException("The media server is not available."))
            .RequestAsync(message, ackCompletes, cancellationToken);

    internal void Register(JanusSession session) => _sessions[session.Id] = session;

    internal void Unregister(JanusSession session) => _sessions.TryRemove(session.Id, out _);

    /// Keeps the connection up until the server stops.
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        var wasUp = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var connection = new JanusConnection(url, apiSecret, options.RequestTimeout);
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.Closed += () => closed.TrySetResult();
            connection.Event += Dispatch;
            try
            {
                await connection.ConnectAsync(stoppingToken);
                // A wrong api secret only shows on the first request that needs it ("info" does not): open and close a
                // session before anyone relies on this node.
                var probe = await connection.RequestAsync(new JsonObject { ["janus"] = "create" }, false, stoppingToken);
                await connection.RequestAsync(new JsonObject { ["janus"] = "destroy", ["session_id"] = (long)probe["data"]!["id"]! }, false, stoppingToken);
                _connection = connection;
                backoff = TimeSpan.FromMilliseconds(250);
                wasUp = true;
                SfuLog.NodeConnected(logger, Name);
                Connected?.Invoke(this);
                await closed.Task.WaitAsync(stoppingToken);
                SfuLog.NodeLost(logger, Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                return;
            }
            catch (Exception e) when (e is WebSocketException or JanusException or OperationCanceledException or HttpRequestException)
            {
                if (wasUp)
                {
                    SfuLog.NodeUnreachable(logger, Name, e.Message);
                    wasUp = false;
                }
            }

            _connection = null;
            await connection.DisposeAsync();
            foreach (var session in _sessions.Values)
            {
                session.MarkLost();
            }

            try
            {
                await Task.Delay(backoff, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private void Dispatch(JsonObject message)
    {
        if (message["session_id"] is { } id && _sessions.TryGetValue((long)id, out var session))
        {
            session.Dispatch(message);
        }
    }
}
