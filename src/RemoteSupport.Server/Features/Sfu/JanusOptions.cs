using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Features.Sfu;

/// <summary>How ROUTED calls reach a Janus media server.</summary>
public enum JanusMode
{
    /// <summary>The server runs Janus (Debian package "janus") itself as a child process when it is installed. Default.</summary>
    Managed = 0,

    /// <summary>Janus nodes run elsewhere: list them in Janus:Nodes. Rooms go to the least-loaded healthy node.</summary>
    External = 1,

    /// <summary>No media server: calls stay peer to peer, ROUTED mode and recording are unavailable.</summary>
    Off = 2,
}

/// <summary>An external Janus node: its WebSocket API URL and secrets.</summary>
public sealed class JanusNodeOptions
{
    /// <summary>ws:// or wss:// URL of the node's WebSocket API (subprotocol janus-protocol).</summary>
    public string Url { get; set; } = "";

    /// <summary>The node's api_secret (janus.jcfg), if it has one.</summary>
    public string? ApiSecret { get; set; }

    /// <summary>The VideoRoom plugin's admin_key, if it has one.</summary>
    public string? AdminKey { get; set; }
}

/// <summary>Section "Janus": the media server of ROUTED calls and recordings.</summary>
public sealed class JanusOptions
{
    public const string SectionName = "Janus";

    /// <summary>Managed (default), External or Off.</summary>
    public JanusMode Mode { get; set; } = JanusMode.Managed;

    /// <summary>The janus binary: a path, or a name looked up on PATH. Default "janus".</summary>
    public string BinaryPath { get; set; } = "janus";

    /// <summary>Managed: the port of Janus's WebSocket API, bound to 127.0.0.1 only. Default 8188.</summary>
    public int WebSocketPort { get; set; } = 8188;

    /// <summary>Managed: the UDP ports Janus uses for media ("min-max"). Open them in the firewall. Default 20000-40000.</summary>
    public string RtpPortRange { get; set; } = "20000-40000";

    /// <summary>Managed: the public IP address of a server behind 1:1 NAT (cloud VMs): Janus advertises it in its candidates.</summary>
    public string? Nat1To1Mapping { get; set; }

    /// <summary>Managed: only gather candidates on these interfaces or address prefixes (Janus ice_enforce_list), e.g. "eth0".</summary>
    public string? IceEnforceList { get; set; }

    /// <summary>Managed: where the janus plugins and transports are installed. Default: the Debian location.</summary>
    public string LibraryFolder { get; set; } = "/usr/lib/x86_64-linux-gnu/janus";

    /// <summary>External: the nodes.</summary>
    public List<JanusNodeOptions> Nodes { get; set; } = [];

    /// <summary>How often each Janus session is kept alive. Janus drops sessions after 60 s of silence; at most 25 s. Default 20 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one request to Janus may take. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan MaxKeepAliveInterval = TimeSpan.FromSeconds(25);
}

internal sealed partial class JanusOptionsValidator : IValidateOptions<JanusOptions>
{
    public ValidateOptionsResult Validate(string? name, JanusOptions o)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(o.Mode))
        {
            errors.Add("Janus:Mode must be Managed, External or Off.");
        }

        if (o.WebSocketPort is < 1 or > 65535)
        {
            errors.Add("Janus:WebSocketPort must be between 1 and 65535.");
        }

        if (PortRange().Match(o.RtpPortRange) is not { Success: true } range
            || !int.TryParse(range.Groups[1].Value, out var min) || !int.TryParse(range.Groups[2].Value, out var max)
            || min < 1024 || max > 65535 || min >= max)
        {
            errors.Add("Janus:RtpPortRange must be \"min-max\" with 1024 <= min < max <= 65535.");
        }

        if (o.Nat1To1Mapping is { Length: > 0 } nat && !System.Net.IPAddress.TryParse(nat, out _))
        {
            errors.Add("Janus:Nat1To1Mapping must be an IP address.");
        }

        if (o.IceEnforceList is { Length: > 0 } enforce && !InterfaceList().IsMatch(enforce))
        {
            errors.Add("Janus:IceEnforceList must list interface names or address prefixes separated by commas (letters, digits, . : _ -).");
        }

        if (o.KeepAliveInterval <= TimeSpan.Zero || o.KeepAliveInterval > JanusOptions.MaxKeepAliveInterval)
        {
            errors.Add("Janus:KeepAliveInterval must be more than 0 and at most 25 seconds (Janus drops silent sessions after 60 s).");
        }

        if (o.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("Janus:RequestTimeout must be positive.");
        }

        if (o.Mode == JanusMode.External)
        {
            if (o.Nodes.Count == 0)
            {
                errors.Add("Janus:Nodes must list at least one node when Janus:Mode is External.");
            }

            for (var i = 0; i < o.Nodes.Count; i++)
            {
                if (!Uri.TryCreate(o.Nodes[i].Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
                {
                    errors.Add($"Janus:Nodes:{i}:Url must be a ws:// or wss:// URL.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex(@"^\s*(\d+)\s*-\s*(\d+)\s*$")]
    private static partial Regex PortRange();

    // It goes into Janus's config file inside quotes: nothing that could end the string or the line.
    [GeneratedRegex(@"^[A-Za-z0-9.:_\-]+(,[A-Za-z0-9.:_\-]+)*$")]
    private static partial Regex InterfaceList();
}
