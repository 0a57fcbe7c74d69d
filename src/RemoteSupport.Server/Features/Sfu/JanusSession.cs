using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace RemoteSupport.Server.Features.Sfu;

/// A Janus session on one node: kept alive while it lives (Janus drops silent sessions after 60 s) and the parent of the
/// plugin handles used for one call. It ends with the node's connection: then <see cref="Lost"/> fires.
internal sealed class JanusSession : IAsyncDisposable
{
    private readonly JanusNode _node;
    private readonly ConcurrentDictionary<long, JanusHandle> _handles = new();
    private readonly ITimer _keepAlive;
    private int _ended;

    private JanusSession(JanusNode node, long id, TimeProvider time, TimeSpan keepAliveInterval)
    {
        _node = node;
        Id = id;
        _keepAlive = time.CreateTimer(_ => _ = KeepAliveAsync(), null, keepAliveInterval, keepAliveInterval);
    }

    public long Id { get; }

    public JanusNode Node => _node;

    /// The node went away (connection lost, Janus restarted) or Janus timed the session out: its handles are gone.
    public event Action<JanusSession>? Lost;

    public bool IsLost => Volatile.Read(ref _ended) == 1;

    public static async Task<JanusSession> CreateAsync(JanusNode node, TimeProvider time, TimeSpan keepAliveInterval, CancellationToken cancellationToken)
    {
        var answer = await node.RequestAsync(new JsonObject { ["janus"] = "create" }, cancellationToken);
        var session = new JanusSession(node, (long)answer["data"]!["id"]!, time, keepAliveInterval);
        node.Register(session);
        return session;
    }

    public async Task<JanusHandle> AttachVideoRoomAsync(CancellationToken cancellationToken)
    {
        var answer = await _node.RequestAsync(new JsonObject
        {
            ["janus"] = "attach",
            ["session_id"] = Id,
            ["plugin"] = "janus.plugin.videoroom",
        }, cancellationToken);
        var handle = new JanusHandle(this, (long)answer["data"]!["id"]!);
        _handles[handle.Id] = handle;
        return handle;
    }

    internal Task<JsonObject> RequestAsync(JsonObject message, CancellationToken cancellationToken, bool ackCompletes = false)
    {
        message["session_id"] = Id;
        return _node.RequestAsync(message, cancellationToken, ackCompletes);
    }

    internal void Forget(JanusHandle handle) => _handles.TryRemove(handle.Id, out _);

    internal void Dispatch(JsonObject message)
    {
        if ((string?)message["janus"] == "timeout")
        {
            MarkLost();
            return;
        }

        if (message["sender"] is { } sender && _handles.TryGetValue((long)sender, out var handle))
        {
            handle.Dispatch(message);
        }
    }

    internal void MarkLost()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _keepAlive.Dispose();
            _node.Unregister(this);
            Lost?.Invoke(this);
        }
    }

    private async Task KeepAliveAsync()
    {
        try
        {
            await RequestAsync(new JsonObject { ["janus"] = "keepalive" }, CancellationToken.None, ackCompletes: true);
        }
        catch (JanusException)
        {
            // A lost connection is reported by the node; a single missed keepalive is not fatal (60 s budget).
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
        {
            return;
        }

        await _keepAlive.DisposeAsync();
        _node.Unregister(this);
        try
        {
            await RequestAsync(new JsonObject { ["janus"] = "destroy" }, CancellationToken.None);
        }
        catch (JanusException)
        {
            // Already gone with the node.
        }
    }
}

/// A VideoRoom plugin handle: a publisher or a subscriber of one participant.
internal sealed class JanusHandle(JanusSession session, long id)
{
    public long Id { get; } = id;

    /// Events of this handle: plugin events ("unpublished", "leaving"), "webrtcup", "hangup", "media", "slowlink".
    public event Action<JsonObject>? Event;

    /// Sends a plugin request (and an SDP) and returns the plugin's answer data and the answering SDP, if any. Plugin errors
    /// (error_code in the answer) throw <see cref="JanusException"/>.
    public async Task<(JsonObject Data, JsonObject? Jsep)> MessageAsync(JsonObject body, JsonObject? jsep, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["janus"] = "message", ["handle_id"] = Id, ["body"] = body };
        if (jsep is not null)
        {
            message["jsep"] = jsep;
        }

        var answer = await session.RequestAsync(message, cancellationToken);
        var data = answer["plugindata"]?["data"] as JsonObject
            ?? throw new JanusException("The media server gave no answer data.");
        if (data["error_code"] is { } code)
        {
            throw new JanusException((string?)data["error"] ?? "The media server refused the request.", (int)code);
        }

        return (data, answer["jsep"] as JsonObject);
    }

    /// Forwards one ICE candidate of the browser (null: end of candidates).
    public Task TrickleAsync(JsonObject? candidate, CancellationToken cancellationToken) =>
        session.RequestAsync(new JsonObject
        {
            ["janus"] = "trickle",
            ["handle_id"] = Id,
            ["candidate"] = candidate ?? new JsonObject { ["completed"] = true },
        }, cancellationToken, ackCompletes: true);

    public async Task DetachAsync()
    {
        session.Forget(this);
        try
        {
            await session.RequestAsync(new JsonObject { ["janus"] = "detach", ["handle_id"] = Id }, CancellationToken.None);
        }
        catch (JanusException)
        {
            // Gone with its session or node.
        }
    }

    internal void Dispatch(JsonObject message) => Event?.Invoke(message);
}
