using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Accounts;

/// The portal's sign-in session: a __Host- cookie (HttpOnly, Secure, SameSite=Strict) checked against the
/// user's security stamp on every request, so disabling a user or resetting a password ends their sessions.
public static class PortalAuth
{
    public const string Scheme = "portal";

    /// Signed in and not held at the change-password step.
    public const string ActivePolicy = "portal-active";

    /// Signed in, also while a password change is pending (me, change password, sign out).
    public const string AnyStatePolicy = "portal-any";
    public const string OrgAdminPolicy = "org-admin";
    public const string ExpertPolicy = "expert";
    public const string PlatformAdminPolicy = "platform-admin";

    public static IServiceCollection AddPortalAuth(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "__Host-rs-session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = c => WriteProblem(c.HttpContext, 401, "Sign in first."),
                OnRedirectToAccessDenied = c => WriteProblem(c.HttpContext, 403, "You are not allowed to do this."),
                OnValidatePrincipal = ValidateStampAsync,
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AnyStatePolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(ActivePolicy, p => Active(p))
            .AddPolicy(ExpertPolicy, p => Active(p).RequireRole(nameof(UserRole.Expert), nameof(UserRole.OrgAdmin)))
            .AddPolicy(OrgAdminPolicy, p => Active(p).RequireRole(nameof(UserRole.OrgAdmin)))
            .AddPolicy(PlatformAdminPolicy, p => Active(p).RequireClaim("rs:platform-admin", "true"));
        return services;
    }

    private static AuthorizationPolicyBuilder Active(AuthorizationPolicyBuilder policy) => policy
        .AddAuthenticationSchemes(Scheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(c => !c.User.HasClaim(PortalUser.MustChangePasswordClaim, "true"));

    private static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var claims = PortalUser.From(context.Principal!);
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var current = await db.Users.AsNoTracking()
            .Where(u => u.Id == claims.UserId)
            .Select(u => new { u.SecurityStamp, u.Disabled })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || current.Disabled || current.SecurityStamp != claims.SecurityStamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    private static Task WriteProblem(HttpContext context, int status, string title) =>
        Results.Problem(statusCode: status, title: title).ExecuteAsync(context);
}
