using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Collaboration;
using RemoteSupport.Server.Features.Sfu;

namespace RemoteSupport.Server.Features.Calls.Routed;

/// The hub side of ROUTED calls: checks that the caller is in the call on this connection, passes its SDP and candidates
/// to the call's media room, and brings the room's offers and ended streams to the right connection. Clients only ever see
/// stream ids that are theirs; anything else — a forged id, another participant's stream, a Janus id — is refused.
public sealed class RoutedMedia(
    CallCoordinator calls,
    MediaRooms rooms,
    IHubContext<SessionHub, ISessionClient> hub,
    IOptions<CallsOptions> options,
    ILogger<RoutedMedia> logger) : IMediaRoomListener
{
    public async Task<MediaAnswer> PublishAsync(HubCaller who, PublishRequest request)
    {
        RequireSdp(request.Sdp);
        var call = RequireRoutedCall(who, request.CallId);
        var room = await OpenRoomAsync(call.CallId);
        var display = call.Find(who.UserId)!.Participant.DisplayName;
        try
        {
            var (streamId, sdp) = await room.PublishAsync(who.UserId, display, request.Sdp, CancellationToken.None);
            return new MediaAnswer(call.CallId, streamId, sdp);
        }
        catch (JanusException e)
        {
            SfuLog.MediaRequestFailed(logger, call.CallId, e.Message);
            throw new HubException($"The media server could not take your camera: {e.Message}");
        }
    }

    public async Task AnswerAsync(HubCaller who, MediaAnswer answer)
    {
        RequireSdp(answer.Sdp);
        var call = RequireRoutedCall(who, answer.CallId);
        var room = rooms.Find(call.CallId) ?? throw new HubException("The media server restarted; your media reconnects.");
        try
        {
            await room.AnswerAsync(who.UserId, answer.StreamId, answer.Sdp, CancellationToken.None);
        }
        catch (UnknownMediaStreamException e)
        {
            throw new HubException(e.Message);
        }
        catch (JanusException e)
        {
            SfuLog.MediaRequestFailed(logger, call.CallId, e.Message);
            throw new HubException($"The media server refused the answer: {e.Message}");
        }
    }

    public async Task CandidateAsync(HubCaller who, MediaCandidate candidate)
    {
        var parsed = ParseCandidate(candidate.Candidate);
        var call = RequireRoutedCall(who, candidate.CallId);
        var room = rooms.Find(call.CallId) ?? throw new HubException("The media server restarted; your media reconnects.");
        try
        {
            await room.TrickleAsync(who.UserId, candidate.StreamId, parsed, CancellationToken.None);
        }
        catch (UnknownMediaStreamException e)
        {
            throw new HubException(e.Message);
        }
        catch (JanusException e)
        {
            SfuLog.MediaRequestFailed(logger, call.CallId, e.Message);
        }
    }

    private async Task<MediaRoom> OpenRoomAsync(Guid callId)
    {
        try
        {
            return await rooms.GetOrOpenAsync(callId, this, CancellationToken.None);
        }
        catch (JanusException e)
        {
            SfuLog.MediaRequestFailed(logger, callId, e.Message);
            throw new HubException("The media server is not available right now; trying again.");
        }
    }

    private CallSnapshot RequireRoutedCall(HubCaller who, Guid callId)
    {
        var call = calls.ActiveCallOf(who, callId);
        var me = call.Find(who.UserId)!;
        if (call.Mode != CallMode.Routed)
        {
            throw new HubException("This call is peer to peer; send your signals to the other participant.");
        }

        return me.ConnectionId == who.ConnectionId
            ? call
            : throw new HubException("This connection is not the one in the call. Resume the call first.");
    }

    private void RequireSdp(string? sdp)
    {
        if (string.IsNullOrWhiteSpace(sdp) || !sdp.StartsWith("v=0", StringComparison.Ordinal))
        {
            throw new HubException("A session description (SDP starting with v=0) is required.");
        }

        if (sdp.Length > options.Value.MaxSignalPayload)
        {
            throw new HubException($"A session description may have at most {options.Value.MaxSignalPayload} characters.");
        }
    }

    /// An RTCIceCandidateInit: {"candidate": "...", "sdpMid": "...", "sdpMLineIndex": n}; null ends the candidates.
    private JsonObject? ParseCandidate(string? json)
    {
        if (json is null)
        {
            return null;
        }

        if (json.Length > 2_000)
        {
            throw new HubException("An ICE candidate may have at most 2000 characters.");
        }

        try
        {
            if (JsonNode.Parse(json) is JsonObject o && o["candidate"] is JsonValue c && c.TryGetValue<string>(out var text)
                && (o["sdpMid"] is null || o["sdpMid"] is JsonValue) && (o["sdpMLineIndex"] is null || o["sdpMLineIndex"] is JsonValue))
            {
                var candidate = new JsonObject { ["candidate"] = text };
                if (o["sdpMid"]?.GetValue<string>() is { } mid)
                {
                    candidate["sdpMid"] = mid;
                }

                if (o["sdpMLineIndex"] is JsonValue index && index.TryGetValue<int>(out var line))
                {
                    candidate["sdpMLineIndex"] = line;
                }

                return candidate;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Reported below.
        }

        throw new HubException("An ICE candidate must be the JSON of an RTCIceCandidateInit.");
    }

    async Task IMediaRoomListener.SubscriptionOfferedAsync(Guid callId, Guid memberId, Guid streamId, Guid sourceMemberId, string sdp)
    {
        if (calls.Snapshot(callId) is { } call && call.Find(memberId)?.ConnectionId is { } connection && call.Find(sourceMemberId) is { } source)
        {
            await hub.Clients.Client(connection).MediaOffered(new MediaOffer(callId, streamId, source.Participant, sdp));
        }
    }

    async Task IMediaRoomListener.StreamEndedAsync(Guid callId, Guid memberId, Guid streamId)
    {
        if (calls.Snapshot(callId)?.Find(memberId)?.ConnectionId is { } connection)
        {
            await hub.Clients.Client(connection).MediaEnded(new MediaStreamEnded(callId, streamId));
        }
    }

    async Task IMediaRoomListener.RoomLostAsync(Guid callId)
    {
        SfuLog.RoomLost(logger, callId);
        RoomLost?.Invoke(callId);
        if (calls.Snapshot(callId) is { } call)
        {
            var connections = call.Participants.Select(p => p.ConnectionId).OfType<string>().ToList();
            if (connections.Count > 0)
            {
                await hub.Clients.Clients(connections).MediaReset(callId);
            }
        }
    }

    /// The media room of a call was lost with its Janus node (a recording in it must be finished).
    public event Action<Guid>? RoomLost;
}
