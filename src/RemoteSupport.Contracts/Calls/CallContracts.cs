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

/// <summary>A call as both sides see it. The caller makes the WebRTC offer.</summary>
public sealed record CallInfo(
    Guid CallId,
    CallState State,
    CallParticipant Caller,
    CallParticipant Callee,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    CallEndReason EndReason);

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

/// <summary>A line of the call history.</summary>
public sealed record CallHistoryEntry(
    Guid CallId,
    CallParticipant Caller,
    CallParticipant Callee,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    CallEndReason EndReason,
    int DurationSeconds);
