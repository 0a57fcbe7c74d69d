namespace RemoteSupport.Contracts.Organizations;

/// <summary>The signed-in user's organisation and its settings.</summary>
public sealed record OrganizationResponse(Guid Id, string Name, int MinPasswordLength, bool RequireTwoFactor);

/// <summary>PUT /api/organization/settings.</summary>
public sealed record UpdateOrganizationSettingsRequest(string? Name, int? MinPasswordLength, bool? RequireTwoFactor);

/// <summary>POST /api/platform/organizations (platform admin only): a new organisation with its first admin.</summary>
public sealed record CreateOrganizationRequest(string? Name, string? AdminName, string? AdminEmail, string? AdminPassword);
