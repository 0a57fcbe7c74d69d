using RemoteSupport.Contracts.Calls;

namespace RemoteSupport.Server.Features.Calls;

/// Where one person stands in a call.
internal enum MemberStatus
{
    Ringing,
    Joined,
    Left,
}

/// One person of a call: the caller, the callee, an invited user or a guest, and the hub connection they take part on
/// (null while they reconnect).
internal sealed class CallMember(CallParticipant participant, MemberStatus status, string? connection)
{
    public CallParticipant Participant { get; } = participant;
    public Guid UserId => Participant.UserId;
    public MemberStatus Status { get; set; } = status;
    public string? Connection { get; set; } = connection;
    public ITimer? RingTimer { get; set; }
    public ITimer? GraceTimer { get; set; }

    /// Who rang this person into a running call (null for the caller, the callee and guests).
    public Guid? InvitedBy { get; init; }

    public void StopTimers()
    {
        RingTimer?.Dispose();
        RingTimer = null;
        GraceTimer?.Dispose();
        GraceTimer = null;
    }
}

/// A call in memory while it rings or runs. Members[0] is the caller, Members[1] the callee; invited people and guests
/// follow. The coordinator's lock guards every change; readers take a snapshot.
internal sealed class LiveCall
{
    public required CallSession Session { get; init; }
    public required List<CallMember> Members { get; init; }
    public ITimer? RingTimer { get; set; }
    public bool Recording { get; set; }

    public CallMember Caller => Members[0];
    public CallMember Callee => Members[1];
    public CallMode Mode => Session.Mode;

    public IEnumerable<CallMember> Joined => Members.Where(m => m.Status == MemberStatus.Joined);

    /// The member of this user who has not left, if any.
    public CallMember? Member(Guid userId) => Members.LastOrDefault(m => m.UserId == userId && m.Status != MemberStatus.Left);

    public bool Involves(Guid userId) => Member(userId) is not null;

    public CallInfo ToInfo() => new(Session.Id, Session.State, Caller.Participant, Callee.Participant, Session.StartedAt,
        Session.AnsweredAt, Session.EndReason, Session.Mode, Joined.Select(m => m.Participant).ToArray(), Recording);

    public CallSnapshot ToSnapshot() => new(Session.Id, Session.OrganizationId, Session.State, Session.Mode,
        Members.Where(m => m.Status == MemberStatus.Joined || (Session.State == CallState.Ringing && m.Status != MemberStatus.Left))
            .Select(m => new BoundParticipant(m.Participant, m.Connection)).ToList(), Recording);
}
