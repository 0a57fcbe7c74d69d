using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Server.Features.Accounts.Passwords;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Features.Organizations;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Features.Accounts;

/// First run: there is no default password anywhere. Until an organisation exists, the portal shows a setup
/// page that creates it and its first admin (who is also the platform admin).
public static class SetupApi
{
    // Two browsers submitting setup at once must not create two first organisations.
    private static readonly SemaphoreSlim SetupLock = new(1, 1);

    public static void MapSetupApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/setup").WithTags("Setup");
        group.MapGet("/", async (AppDbContext db, CancellationToken ct) =>
            TypedResults.Ok(new SetupStatusResponse(!await db.Organizations.AnyAsync(ct))));
        group.MapPost("/", SetupAsync).RequireRateLimiting(AuthApi.SignInRateLimit);
    }

    private static async Task<Results<Ok<CurrentUserResponse>, ValidationProblem, ProblemHttpResult>> SetupAsync(
        SetupRequest request, HttpContext context, AppDbContext db, PasswordHasher hasher, PasswordPolicy policy,
        AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var errors = OrganizationFactory.Validate(policy, request.OrganizationName, request.AdminName, request.Email, request.Password, "OrganizationName", "AdminName", "Email", "Password");
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        await SetupLock.WaitAsync(ct);
        try
        {
            if (await db.Organizations.AnyAsync(ct))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Setup is already done.", detail: "Sign in instead.");
            }

            var (organization, admin) = OrganizationFactory.Create(db, hasher, time, request.OrganizationName!, request.AdminName!, request.Email!, request.Password!, isPlatformAdmin: true);
            audit.Record(organization.Id, AuditActions.OrganizationCreated, organization.Name, "first-run setup", admin.Id, admin.DisplayName);
            await db.SaveChangesAsync(ct);
            await context.SignInAsync(PortalAuth.Scheme, PortalUser.ToPrincipal(admin));
            return TypedResults.Ok(await AuthApi.DescribeAsync(db, admin, ct));
        }
        finally
        {
            SetupLock.Release();
        }
    }
}
