using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Server.Features.Accounts.Passwords;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Features.Accounts;

/// The organisation admin's user management. Every lookup is scoped to the admin's organisation:
/// another organisation's ids answer 404.
public static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(PortalAuth.OrgAdminPolicy);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPatch("/{id:guid}", UpdateAsync);
        group.MapPost("/{id:guid}/reset-password", ResetPasswordAsync);
    }

    private static async Task<Ok<UserResponse[]>> ListAsync(HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var users = await db.Users.AsNoTracking().Where(u => u.OrganizationId == orgId).OrderBy(u => u.DisplayName).ToListAsync(ct);
        return TypedResults.Ok(users.Select(ToResponse).ToArray());
    }

    private static async Task<Results<Created<UserResponse>, ValidationProblem>> CreateAsync(
        CreateUserRequest request, HttpContext context, AppDbContext db, PasswordHasher hasher, PasswordPolicy policy,
        AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == orgId, ct);
        var errors = new ValidationErrors()
            .RequireText("DisplayName", request.DisplayName, 200, "a name")
            .RequireEmail("Email", request.Email);
        if (request.Role is not { } role || !IsAssignable(role))
        {
            errors.Add("Role", "Choose a role: Technician, Expert or OrgAdmin.");
        }

        var passwordRequired = request.Role is not UserRole.Technician;
        if (passwordRequired || !string.IsNullOrEmpty(request.Password))
        {
            errors.AddRange("Password", policy.Check(request.Password, organization.MinPasswordLength, organization.Name, request.DisplayName, request.Email));
        }

        if (!string.IsNullOrWhiteSpace(request.Email) && await db.Users.AnyAsync(u => u.NormalizedEmail == User.Normalize(request.Email), ct))
        {
            errors.Add("Email", "A user with this email address already exists.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = orgId,
            DisplayName = request.DisplayName!.Trim(),
            Email = request.Email!.Trim(),
            NormalizedEmail = User.Normalize(request.Email),
            Role = request.Role!.Value,
            PasswordHash = string.IsNullOrEmpty(request.Password) ? null : hasher.Hash(request.Password),
            MustChangePassword = !string.IsNullOrEmpty(request.Password),
            CreatedAt = now,
        };
        db.Users.Add(user);
        audit.Record(orgId, AuditActions.UserCreated, user.Email, $"role {user.Role}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/users/{user.Id}", ToResponse(user));
    }

    private static async Task<Results<Ok<UserResponse>, ValidationProblem, NotFound>> UpdateAsync(
        Guid id, UpdateUserRequest request, HttpContext context, AppDbContext db, AuditTrail audit, CancellationToken ct)
    {
        var me = PortalUser.From(context.User);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.OrganizationId == me.OrganizationId, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new ValidationErrors();
        if (request.DisplayName is not null)
        {
            errors.RequireText("DisplayName", request.DisplayName, 200, "a name");
        }

        if (request.Role is { } newRole && !IsAssignable(newRole))
        {
            errors.Add("Role", "Choose a role: Technician, Expert or OrgAdmin.");
        }

        if (request.DisplayName is null && request.Role is null && request.Disabled is null)
        {
            errors.Add("Request", "Give at least one of displayName, role, disabled.");
        }

        // An organisation must never lose its last way in.
        if (user.Id == me.UserId && (request.Disabled == true || (request.Role is not null && request.Role != UserRole.OrgAdmin)))
        {
            errors.Add(request.Disabled == true ? "Disabled" : "Role", "You cannot disable yourself or remove your own admin role.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var changes = new List<string>();
        if (request.DisplayName is not null && request.DisplayName.Trim() != user.DisplayName)
        {
            user.DisplayName = request.DisplayName.Trim();
            changes.Add("name");
        }

        if (request.Role is { } role && role != user.Role)
        {
            changes.Add($"role {user.Role} -> {role}");
            user.Role = role;
            user.SecurityStamp = User.NewStamp();
        }

        if (request.Disabled is { } disabled && disabled != user.Disabled)
        {
            user.Disabled = disabled;
            user.SecurityStamp = User.NewStamp();
            changes.Add(disabled ? "disabled" : "enabled");
        }

        if (changes.Count > 0)
        {
            audit.Record(me.OrganizationId, AuditActions.UserUpdated, user.Email, string.Join(", ", changes));
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(ToResponse(user));
    }

    private static async Task<Results<Ok<UserResponse>, ValidationProblem, NotFound>> ResetPasswordAsync(
        Guid id, ResetPasswordRequest request, HttpContext context, AppDbContext db, PasswordHasher hasher, PasswordPolicy policy,
        AuditTrail audit, CancellationToken ct)
    {
        var me = PortalUser.From(context.User);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.OrganizationId == me.OrganizationId, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == me.OrganizationId, ct);
        var problems = policy.Check(request.TemporaryPassword, organization.MinPasswordLength, organization.Name, user.DisplayName, user.Email);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(new ValidationErrors().AddRange("TemporaryPassword", problems).ToDictionary());
        }

        user.PasswordHash = hasher.Hash(request.TemporaryPassword!);
        user.MustChangePassword = true;
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.SecurityStamp = User.NewStamp();
        audit.Record(me.OrganizationId, AuditActions.PasswordReset, user.Email);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(user));
    }

    /// Guests are invited by link into one call and never have an account, so Guest is no user's role.
    private static bool IsAssignable(UserRole role) => Enum.IsDefined(role) && role != UserRole.Guest;

    private static UserResponse ToResponse(User u) => new(u.Id, u.DisplayName, u.Email, u.Role, u.Disabled, u.MustChangePassword, u.CreatedAt);
}
