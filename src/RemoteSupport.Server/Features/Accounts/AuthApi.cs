using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Server.Features.Accounts.Passwords;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Features.Accounts;

public static class AuthApi
{
    public const string SignInRateLimit = "sign-in";
    private const string WrongCredentials = "The email or password is incorrect.";

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Accounts");
        group.MapPost("/sign-in", SignInAsync).RequireRateLimiting(SignInRateLimit);
        group.MapPost("/sign-out", SignOutAsync).RequireAuthorization(PortalAuth.AnyStatePolicy);
        group.MapGet("/me", MeAsync).RequireAuthorization(PortalAuth.AnyStatePolicy);
        group.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization(PortalAuth.AnyStatePolicy).RequireRateLimiting(SignInRateLimit);
    }

    internal static async Task<Results<Ok<CurrentUserResponse>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        SignInRequest request, HttpContext context, AppDbContext db, PasswordHasher hasher, UnknownAccountThrottle unknown,
        IOptions<SignInOptions> options, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.RequireText("Email", request.Email, 254, "your email address");
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("Password", "Enter your password.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        var normalized = User.Normalize(request.Email!);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null)
        {
            hasher.VerifyDummy(request.Password!);
            if (unknown.LockedUntil(normalized) is { } until)
            {
                return LockedOut(until, now);
            }

            unknown.RecordFailure(normalized, options.Value);
            return TypedResults.Problem(statusCode: 401, title: "Sign-in failed.", detail: WrongCredentials);
        }

        if (user.LockedUntil > now)
        {
            hasher.VerifyDummy(request.Password!);
            return LockedOut(user.LockedUntil.Value, now);
        }

        var check = hasher.Verify(user.PasswordHash, request.Password!);
        if (check == PasswordCheck.Wrong)
        {
            user.FailedSignIns++;
            audit.Record(user.OrganizationId, AuditActions.SignInFailed, user.Email, $"attempt {user.FailedSignIns}", user.Id, user.DisplayName);
            if (user.FailedSignIns >= options.Value.MaxFailures)
            {
                user.LockedUntil = now + options.Value.LockoutDuration;
                user.FailedSignIns = 0;
                audit.Record(user.OrganizationId, AuditActions.SignInLockedOut, user.Email, null, user.Id, user.DisplayName);
            }

            await db.SaveChangesAsync(ct);
            return TypedResults.Problem(statusCode: 401, title: "Sign-in failed.", detail: WrongCredentials);
        }

        if (user.Disabled)
        {
            return TypedResults.Problem(statusCode: 403, title: "Sign-in failed.", detail: "This account is disabled. Ask your organisation's administrator.");
        }

        if (check == PasswordCheck.CorrectNeedsRehash)
        {
            user.PasswordHash = hasher.Hash(request.Password!);
        }

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        audit.Record(user.OrganizationId, AuditActions.SignedIn, user.Email, null, user.Id, user.DisplayName);
        await db.SaveChangesAsync(ct);
        await context.SignInAsync(PortalAuth.Scheme, PortalUser.ToPrincipal(user));
        return TypedResults.Ok(await DescribeAsync(db, user, ct));
    }

    private static ProblemHttpResult LockedOut(DateTimeOffset until, DateTimeOffset now)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
        return TypedResults.Problem(statusCode: 429, title: "Sign-in locked.",
            detail: $"Too many failed sign-in attempts. Try again in {minutes} minute{(minutes == 1 ? string.Empty : "s")}.");
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context, AppDbContext db, AuditTrail audit, CancellationToken ct)
    {
        var user = PortalUser.From(context.User);
        audit.Record(user.OrganizationId, AuditActions.SignedOut, null);
        await db.SaveChangesAsync(ct);
        await context.SignOutAsync(PortalAuth.Scheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CurrentUserResponse>, NotFound>> MeAsync(HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var id = PortalUser.From(context.User).UserId;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(await DescribeAsync(db, user, ct));
    }

    private static async Task<Results<Ok<CurrentUserResponse>, ValidationProblem, NotFound>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext context, AppDbContext db, PasswordHasher hasher, PasswordPolicy policy,
        AuditTrail audit, CancellationToken ct)
    {
        var id = PortalUser.From(context.User).UserId;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == user.OrganizationId, ct);
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword) || hasher.Verify(user.PasswordHash, request.CurrentPassword) == PasswordCheck.Wrong)
        {
            errors.Add("CurrentPassword", "The current password is incorrect.");
        }

        errors.AddRange("NewPassword", policy.Check(request.NewPassword, organization.MinPasswordLength, organization.Name, user.DisplayName, user.Email));
        if (!errors.Any && request.NewPassword == request.CurrentPassword)
        {
            errors.Add("NewPassword", "Choose a password different from the current one.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        user.PasswordHash = hasher.Hash(request.NewPassword!);
        user.MustChangePassword = false;
        user.SecurityStamp = User.NewStamp();
        audit.Record(user.OrganizationId, AuditActions.PasswordChanged, user.Email);
        await db.SaveChangesAsync(ct);
        await context.SignInAsync(PortalAuth.Scheme, PortalUser.ToPrincipal(user));
        return TypedResults.Ok(await DescribeAsync(db, user, ct));
    }

    internal static async Task<CurrentUserResponse> DescribeAsync(AppDbContext db, User user, CancellationToken ct)
    {
        var organizationName = await db.Organizations.Where(o => o.Id == user.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        return new CurrentUserResponse(user.Id, user.DisplayName, user.Email, user.Role, user.IsPlatformAdmin, user.OrganizationId, organizationName, user.MustChangePassword);
    }
}
