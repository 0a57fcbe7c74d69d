using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Audit;

/// Adds audit lines to the current unit of work, so they are saved together with the change they describe.
/// Callers pass names and ids only: never passwords, tokens or codes.
public sealed class AuditTrail(AppDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    public void Record(Guid organizationId, string action, string? target, string? details = null, Guid? actorId = null, string? actorName = null)
    {
        var context = http.HttpContext;
        var actor = context?.User.Identity?.IsAuthenticated == true ? Accounts.PortalUser.From(context.User) : null;
        db.AuditEvents.Add(new AuditEvent
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            OrganizationId = organizationId,
            At = time.GetUtcNow(),
            Action = action,
            ActorUserId = actorId ?? actor?.UserId,
            ActorName = actorName ?? actor?.DisplayName,
            Target = target,
            Details = details,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
        });
    }
}

/// The audit actions, one place so the log reads consistently.
public static class AuditActions
{
    public const string OrganizationCreated = "organization.created";
    public const string OrganizationSettingsChanged = "organization.settings-changed";
    public const string SignedIn = "user.signed-in";
    public const string SignInFailed = "user.sign-in-failed";
    public const string SignInLockedOut = "user.locked-out";
    public const string SignedOut = "user.signed-out";
    public const string PasswordChanged = "user.password-changed";
    public const string PasswordReset = "user.password-reset";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string PairingStarted = "device.pairing-started";
    public const string DevicePaired = "device.paired";
    public const string DeviceRevoked = "device.revoked";
    public const string CallStarted = "call.started";
    public const string CallJoined = "call.joined";
    public const string CallEnded = "call.ended";
}
