using System.Security.Claims;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Features.Devices;

namespace RemoteSupport.Server.Features.SessionFiles;

/// Who asks for a file: a portal user or a paired device (which acts for its technician).
public sealed record FileActor(Guid UserId, Guid OrganizationId, string DisplayName, UserRole Role, bool IsDevice)
{
    public bool IsExpert => !IsDevice && Role is UserRole.Expert or UserRole.OrgAdmin;

    public static FileActor From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(user.FindFirstValue(DeviceAuthHandler.OrganizationClaim)!),
        user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
        Enum.Parse<UserRole>(user.FindFirstValue(ClaimTypes.Role)!),
        user.HasClaim(c => c.Type == DeviceAuthHandler.DeviceIdClaim));

    public bool TakesPartIn(CallSession call) => call.OrganizationId == OrganizationId && (call.CallerId == UserId || call.CalleeId == UserId);

    /// The organisation's experts and admins see every call's files; a participant sees their own call's, and a device
    /// only while the call is active (devices keep nothing afterwards).
    public bool MaySee(CallSession call) =>
        call.OrganizationId == OrganizationId && (IsExpert || (TakesPartIn(call) && (!IsDevice || call.State == CallState.Active)));

    /// Library documents (no call) are for the organisation's experts and admins.
    public bool MaySeeLibrary(Guid organizationId) => organizationId == OrganizationId && IsExpert;
}
