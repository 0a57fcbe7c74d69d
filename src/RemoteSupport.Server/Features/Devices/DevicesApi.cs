using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Devices;
using RemoteSupport.Server.Features.Accounts;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Devices;

public static class DevicesApi
{
    public static WebApplicationBuilder AddDevices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeviceOptions>().BindConfiguration(DeviceOptions.SectionName)
            .Validate(o => o.PairingCodeLifetime > TimeSpan.Zero && o.PairingCodeLifetime <= TimeSpan.FromMinutes(5), "Devices:PairingCodeLifetime must be between 0 and 5 minutes.")
            .Validate(o => o.CredentialIdleLifetime > TimeSpan.Zero, "Devices:CredentialIdleLifetime must be positive.")
            .ValidateOnStart();
        var claims = builder.Configuration.GetValue($"{DeviceOptions.SectionName}:{nameof(DeviceOptions.ClaimsPerIpPerMinute)}", 10);
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DeviceAuthHandler>(DeviceAuthHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(DeviceAuthHandler.Policy, p => p.AddAuthenticationSchemes(DeviceAuthHandler.SchemeName).RequireAuthenticatedUser());
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(PairingApi.ClaimRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, claims), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return builder;
    }

    public static void MapDevicesApi(this IEndpointRouteBuilder app)
    {
        app.MapPairingApi();
        var group = app.MapGroup("/api/devices").WithTags("Devices").RequireAuthorization(PortalAuth.OrgAdminPolicy);
        group.MapGet("/", ListAsync);
        group.MapDelete("/{id:guid}", RevokeAsync);
        app.MapGet("/api/device/me", MeAsync).WithTags("Devices").RequireAuthorization(DeviceAuthHandler.Policy);
    }

    private static async Task<Ok<DeviceResponse[]>> ListAsync(HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var devices = await db.Devices.AsNoTracking().Where(d => d.OrganizationId == orgId)
            .Join(db.Users, d => d.TechnicianId, u => u.Id, (d, u) => new { d, u.DisplayName })
            .ToListAsync(ct);
        return TypedResults.Ok(devices
            .OrderBy(x => x.d.RevokedAt is not null).ThenByDescending(x => x.d.PairedAt)
            .Select(x => new DeviceResponse(x.d.Id, x.d.Name, x.d.TechnicianId, x.DisplayName, x.d.PairedAt, x.d.LastSeenAt, x.d.RevokedAt))
            .ToArray());
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid id, HttpContext context, AppDbContext db, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == id && d.OrganizationId == orgId, ct);
        if (device is null)
        {
            return TypedResults.NotFound();
        }

        if (device.RevokedAt is null)
        {
            device.RevokedAt = time.GetUtcNow();
            audit.Record(orgId, AuditActions.DeviceRevoked, device.Name);
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DeviceIdentityResponse>, NotFound>> MeAsync(ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var deviceId = Guid.Parse(user.FindFirstValue(DeviceAuthHandler.DeviceIdClaim)!);
        var identity = await db.Devices.AsNoTracking().Where(d => d.Id == deviceId)
            .Join(db.Users, d => d.TechnicianId, u => u.Id, (d, u) => new { d, u })
            .Join(db.Organizations, x => x.d.OrganizationId, o => o.Id, (x, o) => new DeviceIdentityResponse(x.d.Id, x.d.Name, x.u.Id, x.u.DisplayName, o.Name))
            .FirstOrDefaultAsync(ct);
        return identity is null ? TypedResults.NotFound() : TypedResults.Ok(identity);
    }
}
