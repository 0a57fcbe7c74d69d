using System.Security.Claims;
using RemoteSupport.Contracts.Accounts;

namespace RemoteSupport.Server.Features.Accounts;

/// What the portal session cookie says about its user.
public sealed record PortalUser(Guid UserId, Guid OrganizationId, string DisplayName, UserRole Role, bool IsPlatformAdmin, string SecurityStamp, bool MustChangePassword)
{
    private const string OrganizationClaim = "rs:org";
    private const string StampClaim = "rs:stamp";
    private const string PlatformAdminClaim = "rs:platform-admin";
    public const string MustChangePasswordClaim = "rs:must-change-password";

    public static PortalUser From(ClaimsPrincipal principal) => new(
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(principal.FindFirstValue(OrganizationClaim)!),
        principal.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
        Enum.Parse<UserRole>(principal.FindFirstValue(ClaimTypes.Role)!),
        principal.HasClaim(PlatformAdminClaim, "true"),
        principal.FindFirstValue(StampClaim) ?? string.Empty,
        principal.HasClaim(MustChangePasswordClaim, "true"));

    public static ClaimsPrincipal ToPrincipal(User user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(OrganizationClaim, user.OrganizationId.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(StampClaim, user.SecurityStamp),
        };
        if (user.IsPlatformAdmin)
        {
            claims.Add(new(PlatformAdminClaim, "true"));
        }

        if (user.MustChangePassword)
        {
            claims.Add(new(MustChangePasswordClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, PortalAuth.Scheme));
    }
}
