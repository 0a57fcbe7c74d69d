using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Server.Features.Accounts;
using RemoteSupport.Server.Features.Accounts.Passwords;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Features.Organizations;

/// Creates an organisation with its first admin: used by first-run setup and by the platform admin.
internal static class OrganizationFactory
{
    public static ValidationErrors Validate(PasswordPolicy policy, string? name, string? adminName, string? email, string? password,
        string nameField, string adminNameField, string emailField, string passwordField)
    {
        var errors = new ValidationErrors()
            .RequireText(nameField, name, 200, "the organisation's name")
            .RequireText(adminNameField, adminName, 200, "a name")
            .RequireEmail(emailField, email);
        errors.AddRange(passwordField, policy.Check(password, Organization.DefaultMinPasswordLength, name, adminName, email));
        return errors;
    }

    public static (Organization Organization, User Admin) Create(AppDbContext db, PasswordHasher hasher, TimeProvider time,
        string name, string adminName, string email, string password, bool isPlatformAdmin)
    {
        var now = time.GetUtcNow();
        var organization = new Organization { Id = Guid.CreateVersion7(now), Name = name.Trim(), CreatedAt = now };
        var admin = new User
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organization.Id,
            DisplayName = adminName.Trim(),
            Email = email.Trim(),
            NormalizedEmail = User.Normalize(email),
            Role = UserRole.OrgAdmin,
            IsPlatformAdmin = isPlatformAdmin,
            PasswordHash = hasher.Hash(password),
            CreatedAt = now,
        };
        db.Organizations.Add(organization);
        db.Users.Add(admin);
        return (organization, admin);
    }
}
