using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Devices;
using RemoteSupport.Server.Features.Accounts;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Features.Devices;

/// Glasses cannot type: an admin shows a QR code (and a 6-digit code) valid once and for at most 5 minutes;
/// the glass app claims it and receives a revocable device credential bound to one technician.
public static class PairingApi
{
    public const string ClaimRateLimit = "pairing-claim";
    private const string WrongCode = "This code is wrong, used or expired. Ask for a new one.";

    public static void MapPairingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pairing").WithTags("Devices");
        group.MapPost("/", StartAsync).RequireAuthorization(PortalAuth.OrgAdminPolicy);
        group.MapPost("/claim", ClaimAsync).RequireRateLimiting(ClaimRateLimit);
    }

    private static async Task<Results<Ok<PairingResponse>, ValidationProblem, NotFound>> StartAsync(
        StartPairingRequest request, HttpContext context, AppDbContext db, AuditTrail audit, TimeProvider time,
        IOptions<DeviceOptions> options, CancellationToken ct)
    {
        if (request.TechnicianId is null)
        {
            return TypedResults.ValidationProblem(new ValidationErrors().Add("TechnicianId", "Choose the technician to pair a device for.").ToDictionary());
        }

        var me = PortalUser.From(context.User);
        var technician = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.TechnicianId && u.OrganizationId == me.OrganizationId, ct);
        if (technician is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new ValidationErrors();
        if (technician.Role != UserRole.Technician)
        {
            errors.Add("TechnicianId", "Devices are paired for technicians only.");
        }

        if (technician.Disabled)
        {
            errors.Add("TechnicianId", "This technician is disabled.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var now = time.GetUtcNow();

        // A new offer replaces the technician's earlier unused ones.
        await db.PairingCodes.Where(p => p.TechnicianId == technician.Id && p.UsedAt == null && p.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, now), ct);

        var activeHashes = await db.PairingCodes.Where(p => p.UsedAt == null && p.ExpiresAt > now).Select(p => p.CodeHash).ToListAsync(ct);
        string code;
        do
        {
            code = DeviceCredentials.NewSixDigitCode();
        }
        while (activeHashes.Any(h => h.AsSpan().SequenceEqual(DeviceCredentials.Hash(code))));

        var qrSecret = DeviceCredentials.NewQrSecret();
        var lifetime = options.Value.PairingCodeLifetime <= TimeSpan.FromMinutes(5) ? options.Value.PairingCodeLifetime : TimeSpan.FromMinutes(5);
        var offer = new PairingCode
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = me.OrganizationId,
            TechnicianId = technician.Id,
            CreatedByUserId = me.UserId,
            CodeHash = DeviceCredentials.Hash(code),
            QrSecretHash = DeviceCredentials.Hash(qrSecret),
            ExpiresAt = now + lifetime,
        };
        db.PairingCodes.Add(offer);
        audit.Record(me.OrganizationId, AuditActions.PairingStarted, technician.Email);
        await db.SaveChangesAsync(ct);

        using var qr = QRCodeGenerator.GenerateQrCode(qrSecret, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(qr).GetGraphic(8);
        return TypedResults.Ok(new PairingResponse(code, svg, offer.ExpiresAt));
    }

    private static async Task<Results<Ok<DeviceIdentityResponse>, ValidationProblem>> ClaimAsync(
        ClaimPairingRequest request, HttpContext context, AppDbContext db, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var code = request.Code?.Trim();
        var hasCode = !string.IsNullOrEmpty(code);
        var hasQr = !string.IsNullOrWhiteSpace(request.QrPayload);
        if (!hasCode && !hasQr)
        {
            errors.Add("Code", "Enter the 6-digit code or scan the QR code.");
        }
        else if (hasCode && (code!.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            errors.Add("Code", "The code has exactly 6 digits.");
        }
        else if (hasQr && (request.QrPayload!.Length > 200 || !request.QrPayload.StartsWith(DeviceCredentials.QrPrefix, StringComparison.Ordinal)))
        {
            errors.Add("QrPayload", "This QR code is not a Remote Support pairing code.");
        }

        var deviceName = string.IsNullOrWhiteSpace(request.DeviceName) ? "Glasses" : request.DeviceName.Trim();
        if (deviceName.Length > 100 || deviceName.Any(char.IsControl))
        {
            errors.Add("DeviceName", "Use at most 100 printable characters for the device name.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        var hash = DeviceCredentials.Hash(hasQr ? request.QrPayload! : code!);
        var offer = await db.PairingCodes.AsNoTracking()
            .Where(p => (hasQr ? p.QrSecretHash == hash : p.CodeHash == hash) && p.UsedAt == null && p.ExpiresAt > now)
            .FirstOrDefaultAsync(ct);

        // Single use even under races: only the claim that flips UsedAt wins.
        var won = offer is not null && await db.PairingCodes.Where(p => p.Id == offer.Id && p.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UsedAt, now), ct) == 1;
        var technician = won ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == offer!.TechnicianId && !u.Disabled, ct) : null;
        if (technician is null)
        {
            return TypedResults.ValidationProblem(new ValidationErrors().Add(hasQr ? "QrPayload" : "Code", WrongCode).ToDictionary());
        }

        var credential = DeviceCredentials.NewCredential();
        var device = new Device
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = technician.OrganizationId,
            TechnicianId = technician.Id,
            Name = deviceName,
            CredentialHash = DeviceCredentials.Hash(credential),
            PairedAt = now,
            LastSeenAt = now,
        };
        db.Devices.Add(device);
        audit.Record(technician.OrganizationId, AuditActions.DevicePaired, device.Name, $"for {technician.Email}", technician.Id, technician.DisplayName);
        await db.SaveChangesAsync(ct);
        DeviceCredentials.SetCookie(context, credential, now);

        var organizationName = await db.Organizations.Where(o => o.Id == technician.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        return TypedResults.Ok(new DeviceIdentityResponse(device.Id, device.Name, technician.Id, technician.DisplayName, organizationName));
    }
}
