using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Organizations;
using RemoteSupport.Server.Features.Accounts;
using RemoteSupport.Server.Features.Accounts.Passwords;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Features.Media;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Features.Organizations;

public static class OrganizationsApi
{
    public static void MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organization").WithTags("Organizations");
        group.MapGet("/", GetAsync).RequireAuthorization(PortalAuth.ActivePolicy);
        group.MapPut("/settings", UpdateSettingsAsync).RequireAuthorization(PortalAuth.OrgAdminPolicy);

        app.MapPost("/api/platform/organizations", CreateAsync).WithTags("Platform").RequireAuthorization(PortalAuth.PlatformAdminPolicy);
    }

    private static async Task<Results<Ok<OrganizationResponse>, NotFound>> GetAsync(HttpContext context, AppDbContext db, IDataProtectionProvider dataProtection, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct);
        return organization is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(organization, dataProtection));
    }

    private static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, NotFound>> UpdateSettingsAsync(
        UpdateOrganizationSettingsRequest request, HttpContext context, AppDbContext db, AuditTrail audit, IDataProtectionProvider dataProtection,
        CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (organization is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new ValidationErrors();
        if (request.Name is not null)
        {
            errors.RequireText("Name", request.Name, 200, "the organisation's name");
        }

        // Two-factor sign-in is not built yet, so the NIST exception that allows 8 characters with it is not open.
        if (request.RequireTwoFactor == true)
        {
            errors.Add("RequireTwoFactor", "Two-factor sign-in is not available yet.");
        }

        if (request.MinPasswordLength is { } min && (min < Organization.DefaultMinPasswordLength || min > 64))
        {
            errors.Add("MinPasswordLength", $"Choose between {Organization.DefaultMinPasswordLength} and 64. " +
                $"Fewer than {Organization.DefaultMinPasswordLength} characters is only allowed with two-factor sign-in.");
        }

        if (request.CallMode is { } mode && !Enum.IsDefined(mode))
        {
            errors.Add("CallMode", "Choose PeerToPeer or Routed.");
        }

        var iceServers = CustomIceServers.Check(dataProtection, organization, request.UseCustomIceServers, request.CustomIceServers, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var changes = new List<string>();
        if (request.Name is not null && request.Name.Trim() != organization.Name)
        {
            organization.Name = request.Name.Trim();
            changes.Add("name");
        }

        if (request.MinPasswordLength is { } length && length != organization.MinPasswordLength)
        {
            changes.Add($"minimum password length {organization.MinPasswordLength} -> {length}");
            organization.MinPasswordLength = length;
        }

        if (request.CallMode is { } callMode && callMode != organization.CallMode)
        {
            changes.Add($"call mode {organization.CallMode} -> {callMode}");
            organization.CallMode = callMode;
        }

        CustomIceServers.Apply(dataProtection, organization, iceServers, changes);

        if (changes.Count > 0)
        {
            audit.Record(orgId, AuditActions.OrganizationSettingsChanged, organization.Name, string.Join(", ", changes));
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(ToResponse(organization, dataProtection));
    }

    private static async Task<Results<Created<OrganizationResponse>, ValidationProblem>> CreateAsync(
        CreateOrganizationRequest request, AppDbContext db, PasswordHasher hasher, PasswordPolicy policy, AuditTrail audit,
        IDataProtectionProvider dataProtection, TimeProvider time, CancellationToken ct)
    {
        var errors = OrganizationFactory.Validate(policy, request.Name, request.AdminName, request.AdminEmail, request.AdminPassword,
            "Name", "AdminName", "AdminEmail", "AdminPassword");
        if (!string.IsNullOrWhiteSpace(request.AdminEmail) && await db.Users.AnyAsync(u => u.NormalizedEmail == User.Normalize(request.AdminEmail), ct))
        {
            errors.Add("AdminEmail", "A user with this email address already exists.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (organization, admin) = OrganizationFactory.Create(db, hasher, time, request.Name!, request.AdminName!, request.AdminEmail!, request.AdminPassword!, isPlatformAdmin: false);
        admin.MustChangePassword = true;
        audit.Record(organization.Id, AuditActions.OrganizationCreated, organization.Name, "by the platform admin");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/organization", ToResponse(organization, dataProtection));
    }

    private static OrganizationResponse ToResponse(Organization o, IDataProtectionProvider dataProtection) =>
        new(o.Id, o.Name, o.MinPasswordLength, o.RequireTwoFactor, o.UseCustomIceServers, CustomIceServers.Describe(dataProtection, o), o.CallMode);
}
