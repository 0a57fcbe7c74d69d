namespace RemoteSupport.Contracts.Calls;

/// <summary>Where a call is in its life. The server owns these transitions.</summary>
public enum CallState
{
    Ringing = 0,
    Active = 1,
    Ended = 2,
}

/// <summary>Why a call ended (or never started).</summary>
public enum CallEndReason
{
    None = 0,
    HungUp = 1,
    Declined = 2,
    Cancelled = 3,
    Missed = 4,
    Busy = 5,
    ConnectionLost = 6,
    NoExpertAvailable = 7,
}

/// <summary>StartCall: call one person, or (technicians) the first available expert.</summary>
public sealed record StartCallRequest(Guid? CalleeUserId, bool AnyExpert);

/// <summary>A participant of a call.</summary>
public sealed record CallParticipant(Guid UserId, string DisplayName, Accounts.UserRole Role);

/// <summary>How a call's media travels.</summary>
public enum CallMode
{
    /// <summary>Directly between the two participants (through TURN when needed). The default.</summary>
    PeerToPeer = 0,

    /// <summary>Through the media server: every participant publishes once and receives the others. Needed for more than two
    /// participants and for recording.</summary>
    Routed = 1,
}

/// <summary>A call as its participants see it. Caller and Callee are who started it and who was called; Participants are
/// everyone in it now (invited people and guests too). In a peer-to-peer call the caller makes the WebRTC offer.</summary>
public sealed record CallInfo(
    Guid CallId,
    CallState State,
    CallParticipant Caller,
    CallParticipant Callee,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    CallEndReason EndReason,
    CallMode Mode,
    CallParticipant[] Participants,
    bool Recording);

/// <summary>One ICE server entry, shaped like RTCIceServer.</summary>
public sealed record IceServer(string[] Urls, string? Username, string? Credential);

/// <summary>What a participant needs to connect media: the call, the ICE servers (TURN credentials valid at most 1 hour) and whether it makes the offer.</summary>
public sealed record CallConnection(CallInfo Call, IceServer[] IceServers, bool IsOfferer);

/// <summary>The kinds of signalling messages relayed between the two participants.</summary>
public enum SignalKind
{
    Offer = 0,
    Answer = 1,
    Candidate = 2,
}

/// <summary>A signalling message. Payload is the SDP (offer/answer) or the JSON of an RTCIceCandidateInit; the server relays it only to the other participant of the same call.</summary>
public sealed record SignalMessage(Guid CallId, SignalKind Kind, string Payload);

/// <summary>A line of the call history. Others are the people who joined beyond the caller and the callee (invited users and
/// guests), in the order they joined.</summary>
public sealed record CallHistoryEntry(
    Guid CallId,
    CallParticipant Caller,
    CallParticipant Callee,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    CallEndReason EndReason,
    int DurationSeconds,
    CallParticipant[] Others);

/// <summary>InviteToCall: an expert rings another user of the organisation into an active call.</summary>
public sealed record InviteRequest(Guid CallId, Guid UserId);

/// <summary>PublishMedia (ROUTED calls): the participant's offer for its camera and microphone.</summary>
public sealed record PublishRequest(Guid CallId, string Sdp);

/// <summary>An SDP answer in a ROUTED call: the media server's answer to PublishMedia, or the participant's answer to a
/// MediaOffer (AnswerMedia). StreamId names the connection; it is meaningful to this participant only.</summary>
public sealed record MediaAnswer(Guid CallId, Guid StreamId, string Sdp);

/// <summary>The media server offers another participant's camera and microphone (ROUTED calls): answer with AnswerMedia.</summary>
public sealed record MediaOffer(Guid CallId, Guid StreamId, CallParticipant Source, string Sdp);

/// <summary>An ICE candidate of one of the participant's media connections in a ROUTED call: the JSON of an
/// RTCIceCandidateInit, or null once gathering is complete.</summary>
public sealed record MediaCandidate(Guid CallId, Guid StreamId, string? Candidate);

/// <summary>A received stream ended (its participant left or republished).</summary>
public sealed record MediaStreamEnded(Guid CallId, Guid StreamId);

/// <summary>An invitation into a running call ended without the person joining: Declined or Missed (not answered in time).
/// Sent to the expert who invited them.</summary>
public sealed record InvitationOutcome(Guid CallId, CallParticipant Invitee, CallEndReason Reason);
