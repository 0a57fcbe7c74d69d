namespace RemoteSupport.Server.Features.Guests;

/// Ids and reasons only: never tokens, cookie secrets or guests' names.
internal static partial class GuestsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Guests: invitation {InviteId} into call {CallId} created, valid until {ExpiresAt:u}.")]
    public static partial void Invited(ILogger logger, Guid inviteId, Guid callId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Guests: guest {GuestId} joined call {CallId} with invitation {InviteId}.")]
    public static partial void Joined(ILogger logger, Guid guestId, Guid callId, Guid inviteId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Guests: refused a join with invitation {InviteId} ({Status}): {Reason}")]
    public static partial void JoinRefused(ILogger logger, Guid? inviteId, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Guests: invitation {InviteId} revoked; guest {GuestId} signed out.")]
    public static partial void Revoked(ILogger logger, Guid inviteId, Guid? guestId);
}
