using Microsoft.AspNetCore.SignalR;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Calls;

namespace RemoteSupport.Server.Features.Collaboration;

/// The checks every collaboration relay makes before passing anything on: who may ask, whether they are in the
/// active call of their own organisation, and where the technician's glasses are connected.
internal static class CallAccess
{
    public static HubCaller RequireExpert(HubCaller who, string message) =>
        who.Role is UserRole.Expert or UserRole.OrgAdmin ? who : throw new HubException(message);

    public static CallSnapshot ActiveCallOf(this CallCoordinator calls, HubCaller who, Guid callId)
    {
        var call = calls.Snapshot(callId);
        return call is null || call.State != CallState.Active || call.OrganizationId != who.OrganizationId || call.Find(who.UserId) is null
            ? throw new HubException("You are not in this call.")
            : call;
    }

    public static List<string> TechnicianConnections(CallSnapshot call, string what)
    {
        var targets = call.Participants.Where(p => p.Participant.Role == UserRole.Technician)
            .Select(p => p.ConnectionId).OfType<string>().ToList();
        return targets.Count > 0
            ? targets
            : throw new HubException($"The technician is reconnecting; {what} again in a moment.");
    }
}
