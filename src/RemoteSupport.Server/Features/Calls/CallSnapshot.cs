using RemoteSupport.Contracts.Calls;

namespace RemoteSupport.Server.Features.Calls;

/// A read-only copy of a live call for other features (collaboration, media, recording): who is in it, and on which
/// connection each participant takes part (null while they reconnect).
public sealed record CallSnapshot(Guid CallId, Guid OrganizationId, CallState State, CallMode Mode, IReadOnlyList<BoundParticipant> Participants, bool Recording)
{
    public BoundParticipant? Find(Guid userId) => Participants.FirstOrDefault(p => p.Participant.UserId == userId);
}

public sealed record BoundParticipant(CallParticipant Participant, string? ConnectionId);
