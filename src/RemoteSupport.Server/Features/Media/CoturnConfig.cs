using System.Globalization;
using System.Text;

namespace RemoteSupport.Server.Features.Media;

/// The turnserver.conf of the managed coturn: REST API secret auth only, no CLI, TLS 1.2+, and no relaying into
/// private, loopback or reserved networks, so that a TURN credential cannot be used to reach the server's own LAN.
internal static class CoturnConfig
{
    /// IPv4 and IPv6 ranges coturn must never relay to (RFC 6890 special-purpose blocks).
    public static readonly string[] DeniedPeerRanges =
    [
        "0.0.0.0-0.255.255.255",
        "10.0.0.0-10.255.255.255",
        "100.64.0.0-100.127.255.255",
        LoopbackV4,
        "169.254.0.0-169.254.255.255",
        "172.16.0.0-172.31.255.255",
        "192.0.0.0-192.0.0.255",
        "192.0.2.0-192.0.2.255",
        "192.88.99.0-192.88.99.255",
        "192.168.0.0-192.168.255.255",
        "198.18.0.0-198.19.255.255",
        "198.51.100.0-198.51.100.255",
        "203.0.113.0-203.0.113.255",
        "224.0.0.0-255.255.255.255",
        LoopbackV6,
        "::ffff:0.0.0.0-::ffff:255.255.255.255",
        "64:ff9b::-64:ff9b::ffff:ffff",
        "100::-100::ffff:ffff:ffff:ffff",
        "2001::-2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",
        "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
        "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "ff00::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    ];

    private const string LoopbackV4 = "127.0.0.0-127.255.255.255";
    private const string LoopbackV6 = "::1";

    public static string Build(MediaOptions options, string realm, string secret, string certificatePath, string keyPath, string turnFolder)
    {
        var conf = new StringBuilder();
        void Line(string line) => conf.Append(line).Append('\n');
        void Setting(string name, object value) => Line(string.Create(CultureInfo.InvariantCulture, $"{name}={value}"));

        Line("# Written by Remote Support at every start; edits are lost. Contains the TURN secret: keep it 0600.");
        if (!string.IsNullOrEmpty(options.ListeningIp))
        {
            Setting("listening-ip", options.ListeningIp);
        }

        Setting("listening-port", options.TurnPort);
        Setting("tls-listening-port", options.TurnTlsPort);
        Setting("min-port", options.RelayMinPort);
        Setting("max-port", options.RelayMaxPort);
        Setting("realm", realm);
        Line("use-auth-secret");
        Setting("static-auth-secret", secret);
        Setting("cert", certificatePath);
        Setting("pkey", keyPath);
        Line("fingerprint");
        Line("no-cli");
        Line("no-multicast-peers");
        Line("no-tlsv1");
        Line("no-tlsv1_1");
        Line("no-rfc5780");
        Line("stale-nonce");
        Line("no-software-attribute");
        Line("simple-log");
        Setting("log-file", "stdout");
        Setting("pidfile", Path.Combine(turnFolder, "turnserver.pid"));
        // coturn opens its SQLite user database even with use-auth-secret; keep it in the data folder, not /var/lib/turn.
        Setting("userdb", Path.Combine(turnFolder, "turndb"));
        if (options.AllowLoopbackPeers)
        {
            Line("allow-loopback-peers");
        }

        foreach (var range in DeniedPeerRanges)
        {
            if (options.AllowLoopbackPeers && range is LoopbackV4 or LoopbackV6)
            {
                continue;
            }

            Setting("denied-peer-ip", range);
        }

        return conf.ToString();
    }
}
