using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RemoteSupport.Server.Features.Sfu;

/// A failed Janus request: the reason Janus (or its VideoRoom plugin) gave, or why it could not be asked.
public sealed class JanusException(string message, int code = 0) : Exception(message)
{
    public int Code { get; } = code;
}

/// One WebSocket (subprotocol janus-protocol) to a Janus node. Requests carry a fresh transaction id and the api
/// secret; their answers are matched by transaction. Asynchronous plugin requests are answered with "ack" first and the
/// real answer later as an "event" of the same transaction. Everything else is handed to <see cref="Event"/>.
internal sealed class JanusConnection(Uri url, string? apiSecret, TimeSpan requestTimeout) : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, Pending> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task? _reader;

    private sealed record Pending(TaskCompletionSource<JsonObject> Answer, bool AckCompletes);

    /// Unsolicited messages: events of sessions and handles, "webrtcup", "hangup", "media", "timeout", "detached".
    public event Action<JsonObject>? Event;

    /// Raised once when the socket closes or fails; every pending request fails with it.
    public event Action? Closed;

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _socket.Options.AddSubProtocol("janus-protocol");
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        await _socket.ConnectAsync(url, timeout.Token);
        _reader = Task.Run(ReadLoopAsync, CancellationToken.None);
    }

    /// Sends a request and waits for its answer. An "error" answer throws <see cref="JanusException"/>.
    public async Task<JsonObject> RequestAsync(JsonObject message, bool ackCompletes, CancellationToken cancellationToken)
    {
        var transaction = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        message["transaction"] = transaction;
        if (apiSecret is not null)
        {
            message["apisecret"] = apiSecret;
        }

        var pending = new Pending(new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously), ackCompletes);
        _pending[transaction] = pending;
        try
        {
            await SendAsync(message, cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
            timeout.CancelAfter(requestTimeout);
            JsonObject answer;
            try
            {
                answer = await pending.Answer.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new JanusException(_closing.IsCancellationRequested
                    ? "The media server connection closed."
                    : "The media server did not answer in time.");
            }

            if ((string?)answer["janus"] == "error")
            {
                throw new JanusException((string?)answer["error"]?["reason"] ?? "The media server refused the request.",
                    (int?)answer["error"]?["code"] ?? 0);
            }

            return answer;
        }
        finally
        {
            _pending.TryRemove(transaction, out _);
        }
    }

    private async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (_socket.State != WebSocketState.Open)
            {
                throw new JanusException("The media server connection is closed.");
            }

            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (WebSocketException e)
        {
            throw new JanusException($"The media server connection failed: {e.WebSocketErrorCode}.");
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var parsed = JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length)) as JsonObject;
                message.SetLength(0);
                if (parsed is not null)
                {
                    Dispatch(parsed);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or System.Text.Json.JsonException)
        {
            // The socket is gone (or spoke nonsense): the node reconnects, and everyone waiting hears it below.
        }
        finally
        {
            _closing.Cancel();
            Closed?.Invoke();
        }
    }

    private void Dispatch(JsonObject message)
    {
        var kind = (string?)message["janus"];
        if ((string?)message["transaction"] is { } transaction && _pending.TryGetValue(transaction, out var pending))
        {
            if (kind != "ack" || pending.AckCompletes)
            {
                pending.Answer.TrySetResult(message);
                return;
            }

            // An "ack" of an asynchronous request: the answer follows as an event. Trickle candidates are answered
            // only by their ack.
            return;
        }

        if (kind is not "ack" and not "success")
        {
            Event?.Invoke(message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Closing an already broken socket.
            }
        }

        if (_reader is not null)
        {
            await _reader;
        }

        _socket.Dispose();
        _closing.Dispose();
        _sendLock.Dispose();
    }
}
