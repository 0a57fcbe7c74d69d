namespace RemoteSupport.Contracts.Guests;

/// <summary>Where a guest invitation stands.</summary>
public enum GuestInviteStatus
{
    /// <summary>Not used yet and still valid.</summary>
    Pending = 0,

    /// <summary>A guest joined with it (single use).</summary>
    Joined = 1,

    /// <summary>Not used within its lifetime.</summary>
    Expired = 2,

    /// <summary>Withdrawn by an expert; a guest who had joined with it is signed out.</summary>
    Revoked = 3,
}

/// <summary>Answer of POST /api/calls/{callId}/guest-invites. The link carries the token in its fragment and is shown only this once.</summary>
public sealed record GuestInviteCreatedResponse(Guid InviteId, string Link, DateTimeOffset ExpiresAt);

/// <summary>One invitation of a call, as GET /api/calls/{callId}/guest-invites lists it (never the token).</summary>
public sealed record GuestInviteResponse(
    Guid InviteId,
    Guid CallId,
    GuestInviteStatus Status,
    string CreatedByName,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? JoinedAt,
    DateTimeOffset? RevokedAt,
    string? GuestName);

/// <summary>POST /api/guest/join from the guest page: the token from the link and the name the guest is shown with (1–60 characters).</summary>
public sealed record GuestJoinRequest(string? Token, string? DisplayName);

/// <summary>The signed-in guest's session, as POST /api/guest/join and GET /api/guest/me return it.</summary>
public sealed record GuestSessionResponse(Guid CallId, string DisplayName, string OrganizationName);
