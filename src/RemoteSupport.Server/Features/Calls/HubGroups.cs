namespace RemoteSupport.Server.Features.Calls;

/// SignalR group names, from one place.
internal static class HubGroups
{
    public static string Organization(Guid organizationId) => $"org:{organizationId}";

    public static string User(Guid userId) => $"user:{userId}";
}
