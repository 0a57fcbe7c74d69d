using RemoteSupport.Server.Features.Media;

namespace RemoteSupport.Server.Tests.Features.Media;

public sealed class CoturnConfigTests
{
    private static string[] Lines(MediaOptions options) =>
        CoturnConfig.Build(options, "turn.example.com", "0123456789abcdef0123", "/data/tls/server.crt", "/data/tls/server.key", "/data/turn")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Build_Defaults_UsesRestSecretAuthWithoutCliAndOldTls()
    {
        var lines = Lines(new MediaOptions());

        Assert.Contains("use-auth-secret", lines);
        Assert.Contains("static-auth-secret=0123456789abcdef0123", lines);
        Assert.Contains("realm=turn.example.com", lines);
        Assert.Contains("listening-port=3478", lines);
        Assert.Contains("tls-listening-port=5349", lines);
        Assert.Contains("min-port=49152", lines);
        Assert.Contains("max-port=65535", lines);
        Assert.Contains("cert=/data/tls/server.crt", lines);
        Assert.Contains("pkey=/data/tls/server.key", lines);
        Assert.Contains("pidfile=/data/turn/turnserver.pid", lines);
        foreach (var flag in new[] { "fingerprint", "no-cli", "no-multicast-peers", "no-tlsv1", "no-tlsv1_1", "stale-nonce", "no-software-attribute", "simple-log", "log-file=stdout" })
        {
            Assert.Contains(flag, lines);
        }

        Assert.DoesNotContain(lines, l => l.StartsWith("listening-ip", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_Production_DeniesPrivateLoopbackAndReservedPeersAndNeverAllowsLoopback()
    {
        var lines = Lines(new MediaOptions());

        Assert.DoesNotContain("allow-loopback-peers", lines);
        foreach (var range in new[] { "0.0.0.0-0.255.255.255", "10.0.0.0-10.255.255.255", "100.64.0.0-100.127.255.255", "127.0.0.0-127.255.255.255",
            "169.254.0.0-169.254.255.255", "172.16.0.0-172.31.255.255", "192.168.0.0-192.168.255.255", "::1",
            "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff" })
        {
            Assert.Contains($"denied-peer-ip={range}", lines);
        }
    }

    [Fact]
    public void Build_AllowLoopbackPeers_AllowsOnlyLoopback()
    {
        var lines = Lines(new MediaOptions { AllowLoopbackPeers = true, ListeningIp = "127.0.0.1" });

        Assert.Contains("allow-loopback-peers", lines);
        Assert.Contains("listening-ip=127.0.0.1", lines);
        Assert.DoesNotContain("denied-peer-ip=127.0.0.0-127.255.255.255", lines);
        Assert.DoesNotContain("denied-peer-ip=::1", lines);
        Assert.Contains("denied-peer-ip=10.0.0.0-10.255.255.255", lines);
        Assert.Contains("denied-peer-ip=192.168.0.0-192.168.255.255", lines);
    }
}
