using RemoteSupport.Contracts.Accounts;

namespace RemoteSupport.Contracts.Calls;

/// <summary>Whether a user can be called: online while any of their connections is open, busy while in a call.</summary>
public enum PresenceStatus
{
    Offline = 0,
    Online = 1,
    Busy = 2,
}

/// <summary>A person of the organisation as the contact list shows them.</summary>
public sealed record Contact(Guid UserId, string DisplayName, UserRole Role, PresenceStatus Status);
