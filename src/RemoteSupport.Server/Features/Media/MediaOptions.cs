using System.Net;
using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Features.Media;

/// <summary>Which TURN/STUN server calls get.</summary>
public enum TurnMode
{
    /// <summary>The server runs coturn (Debian package "coturn") itself as a child process. Default.</summary>
    Managed = 0,

    /// <summary>An existing coturn configured with use-auth-secret; set TurnSecret and ExternalTurnUrls (or PublicHost).</summary>
    External = 1,

    /// <summary>No STUN/TURN: peers use host candidates only (same LAN), plus any StunUrls.</summary>
    None = 2,
}

/// <summary>Section "Media": ICE servers handed to calls and the managed TURN server.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Managed (default), External or None.</summary>
    public TurnMode TurnMode { get; set; } = TurnMode.Managed;

    /// <summary>Shared secret of the TURN REST API (coturn static-auth-secret). Required for External; for Managed it is generated
    /// on first start into the data folder (turn/secret) unless set here (several server nodes sharing one coturn set it).</summary>
    public string? TurnSecret { get; set; }

    /// <summary>Host name or IP address clients use to reach TURN. Default: Server:ListenAddress when it is a specific IP, else this machine's host name.</summary>
    public string? PublicHost { get; set; }

    /// <summary>STUN/TURN port, UDP and TCP. Default 3478.</summary>
    public int TurnPort { get; set; } = 3478;

    /// <summary>TURN over TLS port. Default 5349.</summary>
    public int TurnTlsPort { get; set; } = 5349;

    /// <summary>Lowest UDP port of the managed TURN server's relay range. Default 49152.</summary>
    public int RelayMinPort { get; set; } = 49152;

    /// <summary>Highest UDP port of the relay range. Default 65535.</summary>
    public int RelayMaxPort { get; set; } = 65535;

    /// <summary>How long a TURN credential handed to a call stays valid. At most 1 hour; default 1 hour.</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>External mode: the URLs of the external server (stun:, turn:, turns:). Default: built from PublicHost and the ports.</summary>
    public string[] ExternalTurnUrls { get; set; } = [];

    /// <summary>Extra STUN URLs (stun:host:port) added to every call's list, whatever the mode.</summary>
    public string[] StunUrls { get; set; } = [];

    /// <summary>Lets the managed TURN server relay to 127.0.0.0/8 and ::1. For tests only: never in production.</summary>
    public bool AllowLoopbackPeers { get; set; }

    /// <summary>IP address the managed TURN server listens on. Default: all addresses.</summary>
    public string? ListeningIp { get; set; }

    /// <summary>The coturn binary: a path, or a name looked up on PATH. Default "turnserver".</summary>
    public string TurnserverPath { get; set; } = "turnserver";

    public static readonly TimeSpan MaxCredentialLifetime = TimeSpan.FromHours(1);
}

internal sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
{
    private static readonly string[] IceSchemes = ["stun:", "turn:", "turns:"];

    public ValidateOptionsResult Validate(string? name, MediaOptions o)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(o.TurnMode))
        {
            errors.Add("Media:TurnMode must be Managed, External or None.");
        }

        if (o.TurnMode == TurnMode.External)
        {
            if (string.IsNullOrWhiteSpace(o.TurnSecret))
            {
                errors.Add("Media:TurnSecret is required with TurnMode External: the static-auth-secret of the external coturn.");
            }

            if (o.ExternalTurnUrls.Length == 0 && string.IsNullOrWhiteSpace(o.PublicHost))
            {
                errors.Add("Media:ExternalTurnUrls (or Media:PublicHost) is required with TurnMode External.");
            }
        }

        if (o.TurnSecret is { Length: > 0 } secret)
        {
            if (secret.Any(char.IsControl) || secret.Any(char.IsWhiteSpace))
            {
                errors.Add("Media:TurnSecret must not contain spaces or control characters.");
            }
            else if (o.TurnMode == TurnMode.Managed && (secret.Length < 16 || !secret.All(TurnSecret.IsConfigSafe)))
            {
                errors.Add("Media:TurnSecret must be at least 16 characters of letters, digits and + / = - _ . (or leave it empty to have one generated).");
            }
        }

        if (o.PublicHost is { } host && (string.IsNullOrWhiteSpace(host) || host.Length > 253 || host.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '@')))
        {
            errors.Add("Media:PublicHost must be a host name or IP address, without scheme, port or path.");
        }

        if (!string.IsNullOrEmpty(o.ListeningIp) && !IPAddress.TryParse(o.ListeningIp, out _))
        {
            errors.Add("Media:ListeningIp must be an IP address.");
        }

        CheckPort(errors, "TurnPort", o.TurnPort);
        CheckPort(errors, "TurnTlsPort", o.TurnTlsPort);
        CheckPort(errors, "RelayMinPort", o.RelayMinPort);
        CheckPort(errors, "RelayMaxPort", o.RelayMaxPort);
        if (o.TurnPort == o.TurnTlsPort)
        {
            errors.Add("Media:TurnPort and Media:TurnTlsPort must differ.");
        }

        if (o.RelayMinPort > o.RelayMaxPort)
        {
            errors.Add("Media:RelayMinPort must not be above Media:RelayMaxPort.");
        }

        if (o.CredentialLifetime <= TimeSpan.Zero || o.CredentialLifetime > MediaOptions.MaxCredentialLifetime)
        {
            errors.Add("Media:CredentialLifetime must be positive and at most 1 hour.");
        }

        CheckUrls(errors, "ExternalTurnUrls", o.ExternalTurnUrls, IceSchemes);
        CheckUrls(errors, "StunUrls", o.StunUrls, ["stun:"]);

        if (string.IsNullOrWhiteSpace(o.TurnserverPath) || o.TurnserverPath.Any(char.IsControl))
        {
            errors.Add("Media:TurnserverPath must name the coturn binary (default \"turnserver\").");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckPort(List<string> errors, string name, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"Media:{name} must be between 1 and 65535.");
        }
    }

    private static void CheckUrls(List<string> errors, string name, string[]? urls, string[] schemes)
    {
        for (var i = 0; i < (urls?.Length ?? 0); i++)
        {
            var url = urls![i];
            if (string.IsNullOrWhiteSpace(url) || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
                || !schemes.Any(s => url.StartsWith(s, StringComparison.OrdinalIgnoreCase) && url.Length > s.Length))
            {
                errors.Add($"Media:{name}:{i} must start with {string.Join(" or ", schemes)} followed by a host.");
            }
        }
    }
}
