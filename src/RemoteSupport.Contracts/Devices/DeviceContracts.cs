namespace RemoteSupport.Contracts.Devices;

/// <summary>A paired technician device (glasses, phone) as the admin sees it.</summary>
public sealed record DeviceResponse(
    Guid Id,
    string Name,
    Guid TechnicianId,
    string TechnicianName,
    DateTimeOffset PairedAt,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset? RevokedAt);

/// <summary>POST /api/pairing: start pairing a device for one technician.</summary>
public sealed record StartPairingRequest(Guid? TechnicianId);

/// <summary>A pairing offer: the 6-digit code, the QR code (SVG) carrying a longer secret, and when both expire (at most 5 minutes, single use).</summary>
public sealed record PairingResponse(string Code, string QrSvg, DateTimeOffset ExpiresAt);

/// <summary>POST /api/pairing/claim from the glass app: either the 6-digit code or the QR payload.</summary>
public sealed record ClaimPairingRequest(string? Code, string? QrPayload, string? DeviceName);

/// <summary>Who this device is, as GET /api/device/me returns it.</summary>
public sealed record DeviceIdentityResponse(Guid DeviceId, string DeviceName, Guid TechnicianId, string TechnicianName, string OrganizationName);
