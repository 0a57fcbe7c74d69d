using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Devices;

/// Authenticates a paired device by its HttpOnly credential cookie. A revoked or expired credential is
/// answered with a reason the glass app shows on its pairing screen.
internal sealed class DeviceAuthHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, TimeProvider time, IOptions<DeviceOptions> deviceOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "device";
    public const string Policy = "device";
    public const string DeviceIdClaim = "rs:device";
    public const string OrganizationClaim = "rs:org";
    private const string FailureItem = "rs:device-failure";
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(DeviceCredentials.CookieName, out var credential) || string.IsNullOrEmpty(credential))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = DeviceCredentials.Hash(credential);
        var device = await db.Devices.FirstOrDefaultAsync(d => d.CredentialHash == hash, Context.RequestAborted);
        var now = time.GetUtcNow();
        var failure = device switch
        {
            null => "This device's pairing is no longer known. Ask your administrator for a new pairing code.",
            { RevokedAt: not null } => "This device was unpaired by your administrator. Ask for a new pairing code.",
            _ when (device.LastSeenAt ?? device.PairedAt) + deviceOptions.Value.CredentialIdleLifetime < now =>
                "This device's pairing expired because it was not used for a long time. Ask for a new pairing code.",
            _ => null,
        };
        if (failure is not null)
        {
            Context.Items[FailureItem] = failure;
            return AuthenticateResult.Fail(failure);
        }

        var technician = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == device!.TechnicianId, Context.RequestAborted);
        if (technician is null || technician.Disabled)
        {
            Context.Items[FailureItem] = "The technician account of this device is disabled. Ask your administrator.";
            return AuthenticateResult.Fail("technician disabled");
        }

        if (device!.LastSeenAt is null || now - device.LastSeenAt > LastSeenResolution)
        {
            device.LastSeenAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, technician.Id.ToString()),
            new Claim(ClaimTypes.Name, technician.DisplayName),
            new Claim(ClaimTypes.Role, technician.Role.ToString()),
            new Claim(DeviceIdClaim, device.Id.ToString()),
            new Claim(OrganizationClaim, device.OrganizationId.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A device that never paired just gets the pairing screen; a revoked or expired one is told why.
        var detail = Context.Items[FailureItem] as string;
        return Results.Problem(statusCode: 401, title: "Pairing needed.", detail: detail).ExecuteAsync(Context);
    }
}
