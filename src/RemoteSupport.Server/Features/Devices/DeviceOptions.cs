namespace RemoteSupport.Server.Features.Devices;

/// <summary>Section "Devices": pairing and device credentials.</summary>
public sealed class DeviceOptions
{
    public const string SectionName = "Devices";

    /// <summary>How long a pairing code (6 digits and QR) stays valid. At most 5 minutes; default 5 minutes.</summary>
    public TimeSpan PairingCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A device credential unused for this long expires and the device must pair again. Default 90 days.</summary>
    public TimeSpan CredentialIdleLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Pairing claims per client IP address per minute (guessing codes). Default 10.</summary>
    public int ClaimsPerIpPerMinute { get; set; } = 10;
}
