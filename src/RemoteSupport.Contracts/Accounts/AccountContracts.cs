namespace RemoteSupport.Contracts.Accounts;

/// <summary>Roles inside one organisation.</summary>
public enum UserRole
{
    Technician = 0,
    Expert = 1,
    OrgAdmin = 2,

    /// <summary>An outside specialist in one call by invitation link, with no account. Never a user's role.</summary>
    Guest = 3,
}

/// <summary>Answer of GET /api/setup: whether the first-run setup page must be shown.</summary>
public sealed record SetupStatusResponse(bool NeedsSetup);

/// <summary>POST /api/setup: creates the first organisation and its admin, then signs the admin in.</summary>
public sealed record SetupRequest(string? OrganizationName, string? AdminName, string? Email, string? Password);

/// <summary>POST /api/auth/sign-in.</summary>
public sealed record SignInRequest(string? Email, string? Password);

/// <summary>POST /api/auth/change-password. The current password is required, also when the user must change it.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>The signed-in user, as GET /api/auth/me returns it.</summary>
public sealed record CurrentUserResponse(
    Guid Id,
    string DisplayName,
    string Email,
    UserRole Role,
    bool IsPlatformAdmin,
    Guid OrganizationId,
    string OrganizationName,
    bool MustChangePassword);

/// <summary>GET /api/antiforgery: the request token to send in the X-CSRF-TOKEN header of every state-changing call.</summary>
public sealed record AntiforgeryTokenResponse(string RequestToken, string HeaderName);

/// <summary>A user as the organisation admin sees it.</summary>
public sealed record UserResponse(
    Guid Id,
    string DisplayName,
    string Email,
    UserRole Role,
    bool Disabled,
    bool MustChangePassword,
    DateTimeOffset CreatedAt);

/// <summary>POST /api/users. Password is the initial one; the user must replace it at first sign-in. Optional for technicians (they pair glasses instead).</summary>
public sealed record CreateUserRequest(string? DisplayName, string? Email, UserRole? Role, string? Password);

/// <summary>PATCH /api/users/{id}: only the fields given change.</summary>
public sealed record UpdateUserRequest(string? DisplayName, UserRole? Role, bool? Disabled);

/// <summary>POST /api/users/{id}/reset-password: sets a temporary password the user must replace at next sign-in.</summary>
public sealed record ResetPasswordRequest(string? TemporaryPassword);
