using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace RemoteSupport.Server.Features.Sfu;

/// What a media room tells the call about: a subscription offer for a member, a stream that ended, the room lost.
public interface IMediaRoomListener
{
    Task SubscriptionOfferedAsync(Guid callId, Guid memberId, Guid streamId, Guid sourceMemberId, string sdp);

    Task StreamEndedAsync(Guid callId, Guid memberId, Guid streamId);

    Task RoomLostAsync(Guid callId);
}

/// The Janus VideoRoom of one ROUTED call. Every member publishes one stream and subscribes to every other member's,
/// each on its own handle; members only ever see our stream ids (random Guids), never Janus ids, the pin or the secret.
/// One lock serialises the room's changes.
public sealed partial class MediaRoom
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<Guid, Member> _members = [];
    private readonly JanusSession _session;
    private readonly JanusHandle _admin;
    private readonly IMediaRoomListener _listener;
    private readonly long _roomId;
    private readonly string _pin;
    private readonly string _secret;
    private Recording? _recording;

    private sealed class Member(Guid id, string display)
    {
        public Guid Id { get; } = id;
        public string Display { get; } = display;
        public JanusHandle? Publisher { get; set; }
        public long? FeedId { get; set; }

        /// The published WebRTC connection is up: only then does Janus let others subscribe to the feed.
        public bool Started { get; set; }
        public Guid PublishStreamId { get; } = Guid.NewGuid();
        public int Segment { get; set; }
        public Dictionary<Guid, Subscription> Subscriptions { get; } = [];
    }

    private sealed record Subscription(Guid StreamId, JanusHandle Handle, Guid SourceId);

    private sealed record Recording(string Folder, Func<Guid, int, Task> MemberSegmentStarted);

    private MediaRoom(Guid callId, JanusSession session, JanusHandle admin, IMediaRoomListener listener, long roomId, string pin, string secret)
    {
        CallId = callId;
        _session = session;
        _admin = admin;
        _listener = listener;
        _roomId = roomId;
        _pin = pin;
        _secret = secret;
    }

    public Guid CallId { get; }

    internal JanusNode Node => _session.Node;

    public bool IsLost => _session.IsLost;

    internal static async Task<MediaRoom> CreateAsync(Guid callId, JanusNode node, IMediaRoomListener listener, CancellationToken cancellationToken)
    {
        var session = await JanusSession.CreateAsync(node, node.Time, node.KeepAliveInterval, cancellationToken);
        try
        {
            var admin = await session.AttachVideoRoomAsync(cancellationToken);
            var roomId = RandomNumberGenerator.GetInt32(1, int.MaxValue) * 1024L + RandomNumberGenerator.GetInt32(0, 1024);
            var pin = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var create = new JsonObject
            {
                ["request"] = "create",
                ["room"] = roomId,
                ["description"] = $"call {callId:N}",
                ["is_private"] = true,
                ["pin"] = pin,
                ["secret"] = secret,
                ["permanent"] = false,
                ["publishers"] = 64,
                ["audiocodec"] = "opus",
                ["videocodec"] = "vp8",
                ["bitrate"] = 1_500_000,
                ["fir_freq"] = 10,
                ["notify_joining"] = false,
                ["lock_record"] = true,
            };
            if (node.AdminKey is not null)
            {
                create["admin_key"] = node.AdminKey;
            }

            await admin.MessageAsync(create, null, cancellationToken);
            var room = new MediaRoom(callId, session, admin, listener, roomId, pin, secret);
            session.Lost += lost =>
            {
                node.RoomClosed();
                _ = listener.RoomLostAsync(callId);
            };
            node.RoomOpened();
            return room;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// Publishes a member's camera and microphone (or renegotiates it): returns our stream id and Janus's SDP answer. A new
    /// publisher is subscribed to everyone already here, and everyone here to it.
    public async Task<(Guid StreamId, string Sdp)> PublishAsync(Guid memberId, string display, string offerSdp, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!_members.TryGetValue(memberId, out var member))
            {
                member = new Member(memberId, display);
                lock (_members)
                {
                    _members[memberId] = member;
                }
            }

            var isNew = member.Publisher is null;
            if (isNew)
            {
                member.Publisher = await _session.AttachVideoRoomAsync(cancellationToken);
                var publisher = member.Publisher;
                publisher.Event += message =>
                {
                    if ((string?)message["janus"] == "webrtcup")
                    {
                        // Off the connection's read loop: subscribing waits for Janus's answers on it.
                        _ = Task.Run(() => OnPublisherUpAsync(member, publisher));
                    }
                };
                var (joined, _) = await member.Publisher.MessageAsync(new JsonObject
                {
                    ["request"] = "join",
                    ["ptype"] = "publisher",
                    ["room"] = _roomId,
                    ["pin"] = _pin,
                    ["display"] = display,
                }, null, cancellationToken);
                member.FeedId = (long?)joined["id"];
            }

            var body = new JsonObject { ["request"] = isNew ? "publish" : "configure", ["audio"] = true, ["video"] = true };
            if (isNew && _recording is not null)
            {
                AddRecording(body, member);
            }

            var (_, answer) = await member.Publisher!.MessageAsync(body, Jsep("offer", offerSdp), cancellationToken);
            var sdp = (string?)answer?["sdp"] ?? throw new JanusException("The media server did not answer the offer.");
            if (isNew)
            {
                if (_recording is not null)
                {
                    await _recording.MemberSegmentStarted(memberId, member.Segment);
                }

                // The others' running feeds now; this member's feed reaches the others once its connection is up.
                foreach (var other in _members.Values.Where(m => m.Id != memberId && m.Started).ToList())
                {
                    await SubscribeAsync(member, other, cancellationToken);
                }
            }

            return (member.PublishStreamId, sdp);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task OnPublisherUpAsync(Member member, JanusHandle publisher)
    {
        await _lock.WaitAsync();
        try
        {
            if (member.Publisher != publisher || member.Started || !_members.ContainsKey(member.Id))
            {
                return;
            }

            member.Started = true;
            foreach (var other in _members.Values.Where(m => m.Id != member.Id).ToList())
            {
                await SubscribeAsync(other, member, CancellationToken.None);
            }
        }
        catch (JanusException)
        {
            // The room or node went away meanwhile; the members hear of it from the room's loss.
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task SubscribeAsync(Member subscriber, Member source, CancellationToken cancellationToken)
    {
        var handle = await _session.AttachVideoRoomAsync(cancellationToken);
        var (_, offer) = await handle.MessageAsync(new JsonObject
        {
            ["request"] = "join",
            ["ptype"] = "subscriber",
            ["room"] = _roomId,
            ["pin"] = _pin,
            ["streams"] = new JsonArray(new JsonObject { ["feed"] = source.FeedId }),
        }, null, cancellationToken);
        var sdp = (string?)offer?["sdp"] ?? throw new JanusException("The media server offered no stream.");
        var subscription = new Subscription(Guid.NewGuid(), handle, source.Id);
        lock (_members)
        {
            subscriber.Subscriptions[subscription.StreamId] = subscription;
        }

        await _listener.SubscriptionOfferedAsync(CallId, subscriber.Id, subscription.StreamId, source.Id, sdp);
    }

    /// The member's answer to a subscription offer: media starts flowing.
    public async Task AnswerAsync(Guid memberId, Guid streamId, string answerSdp, CancellationToken cancellationToken)
    {
        var subscription = FindSubscription(memberId, streamId);
        await subscription.Handle.MessageAsync(new JsonObject { ["request"] = "start" }, Jsep("answer", answerSdp), cancellationToken);
    }

    /// One of the member's ICE candidates, for its published stream or one of its subscriptions (null: end of candidates).
    public Task TrickleAsync(Guid memberId, Guid streamId, JsonObject? candidate, CancellationToken cancellationToken)
    {
        JanusHandle handle;
        lock (_members)
        {
            if (_members.TryGetValue(memberId, out var member) && member.PublishStreamId == streamId && member.Publisher is not null)
            {
                handle = member.Publisher;
            }
            else
            {
                handle = FindSubscription(memberId, streamId).Handle;
            }
        }

        return handle.TrickleAsync(candidate, cancellationToken);
    }

    private Subscription FindSubscription(Guid memberId, Guid streamId)
    {
        lock (_members)
        {
            return _members.TryGetValue(memberId, out var member) && member.Subscriptions.TryGetValue(streamId, out var subscription)
                ? subscription
                : throw new UnknownMediaStreamException();
        }
    }

    /// The member left (hung up, dropped, reloaded): its stream and subscriptions go, and the others stop receiving it.
    public async Task LeaveAsync(Guid memberId)
    {
        await _lock.WaitAsync();
        try
        {
            Member? member;
            List<(Member Other, Subscription Gone)> ended;
            lock (_members)
            {
                if (!_members.Remove(memberId, out member))
                {
                    return;
                }

                ended = _members.Values.SelectMany(o => o.Subscriptions.Values.Where(s => s.SourceId == memberId).Select(s => (o, s))).ToList();
                foreach (var (other, gone) in ended)
                {
                    other.Subscriptions.Remove(gone.StreamId);
                }
            }

            foreach (var subscription in member.Subscriptions.Values)
            {
                await subscription.Handle.DetachAsync();
            }

            if (member.Publisher is not null)
            {
                await member.Publisher.DetachAsync();
            }

            foreach (var (other, gone) in ended)
            {
                await gone.Handle.DetachAsync();
                await _listener.StreamEndedAsync(CallId, other.Id, gone.StreamId);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// Ends the room: Janus closes every participant's media and removes the room.
    internal async Task CloseAsync()
    {
        await _lock.WaitAsync();
        var wasLost = _session.IsLost;
        try
        {
            if (!wasLost)
            {
                try
                {
                    await _admin.MessageAsync(new JsonObject { ["request"] = "destroy", ["room"] = _roomId, ["secret"] = _secret }, null, CancellationToken.None);
                }
                catch (JanusException)
                {
                    // The room goes with the session anyway.
                }
            }

            await _session.DisposeAsync();
            lock (_members)
            {
                _members.Clear();
            }
        }
        finally
        {
            _lock.Release();
            if (!wasLost)
            {
                Node.RoomClosed();
            }
        }
    }

    private static JsonObject Jsep(string type, string sdp) => new() { ["type"] = type, ["sdp"] = sdp };
}

/// A stream id that is not one of the caller's streams in this call (forged, stale, or someone else's).
internal sealed class UnknownMediaStreamException() : Exception("This media stream is not yours or has ended.");
