namespace RemoteSupport.Contracts.Organizations;

/// <summary>The signed-in user's organisation and its settings. CustomIceServers is null when none are stored.</summary>
public sealed record OrganizationResponse(Guid Id, string Name, int MinPasswordLength, bool RequireTwoFactor, bool UseCustomIceServers, CustomIceServerResponse[]? CustomIceServers, Calls.CallMode CallMode);

/// <summary>One of the organisation's own TURN/STUN servers as the API shows it: the stored credential is never returned.</summary>
public sealed record CustomIceServerResponse(string[] Urls, string? Username, bool HasCredential);

/// <summary>PUT /api/organization/settings. Null fields stay as they are. CustomIceServers replaces the whole list; an entry
/// sent with a null Credential and the same Urls and Username as a stored one keeps the stored credential.</summary>
public sealed record UpdateOrganizationSettingsRequest(string? Name, int? MinPasswordLength, bool? RequireTwoFactor, bool? UseCustomIceServers, Calls.IceServer[]? CustomIceServers, Calls.CallMode? CallMode);

/// <summary>POST /api/platform/organizations (platform admin only): a new organisation with its first admin.</summary>
public sealed record CreateOrganizationRequest(string? Name, string? AdminName, string? AdminEmail, string? AdminPassword);
