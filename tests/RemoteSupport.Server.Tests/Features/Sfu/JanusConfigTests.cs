using RemoteSupport.Server.Features.Sfu;

namespace RemoteSupport.Server.Tests.Features.Sfu;

public sealed class JanusConfigTests
{
    private static IEnumerable<string> Failures(JanusOptions options) =>
        new JanusOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.Empty(Failures(new JanusOptions()));

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        var failures = Failures(new JanusOptions
        {
            Mode = JanusMode.External,
            WebSocketPort = 0,
            RtpPortRange = "40000-20000",
            Nat1To1Mapping = "not-an-ip",
            IceEnforceList = "eth0\"\nadmin_secret = \"x",
            KeepAliveInterval = TimeSpan.FromSeconds(60),
            Nodes = [new JanusNodeOptions { Url = "http://sfu.example" }],
        }).ToList();

        Assert.Contains(failures, f => f.Contains("WebSocketPort", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RtpPortRange", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Nat1To1Mapping", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("IceEnforceList", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("KeepAliveInterval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Nodes:0:Url", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ExternalWithoutNodes_Fails() =>
        Assert.Contains(Failures(new JanusOptions { Mode = JanusMode.External }), f => f.Contains("Janus:Nodes", StringComparison.Ordinal));

    [Fact]
    public void Core_ProtectsEverythingOfOursButTheRecordings_AndCarriesTheSecretsAndNat()
    {
        var data = Directory.CreateTempSubdirectory("rs-janus-config-").FullName;
        try
        {
            foreach (var folder in new[] { "keys", "tls", "blobs", "recordings" })
            {
                Directory.CreateDirectory(Path.Combine(data, folder));
            }

            var secrets = new JanusSecrets();
            var config = JanusConfig.Core(new JanusOptions { Nat1To1Mapping = "203.0.113.7", IceEnforceList = "eth0" }, secrets,
                Path.Combine(data, "janus"), data, Path.Combine(data, "recordings"));

            var protectedLine = config.Split('\n').Single(l => l.Contains("protected_folders", StringComparison.Ordinal));
            Assert.Contains($"\"{Path.Combine(data, "keys")}\"", protectedLine, StringComparison.Ordinal);
            Assert.Contains($"\"{Path.Combine(data, "tls")}\"", protectedLine, StringComparison.Ordinal);
            Assert.Contains($"\"{Path.Combine(data, "janus")}\"", protectedLine, StringComparison.Ordinal);
            Assert.DoesNotContain("recordings", protectedLine, StringComparison.Ordinal);
            Assert.Contains($"api_secret = \"{secrets.ApiSecret}\"", config, StringComparison.Ordinal);
            Assert.Contains("nat_1_1_mapping = \"203.0.113.7\"", config, StringComparison.Ordinal);
            Assert.Contains("ice_enforce_list = \"eth0\"", config, StringComparison.Ordinal);
            Assert.Contains("full_trickle = false", config, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void Transport_ListensOnLoopbackOnly_WithTheAdminApiOff()
    {
        var transport = JanusConfig.WebSocketTransport(new JanusOptions { WebSocketPort = 18188 });

        Assert.Contains("ws_ip = \"127.0.0.1\"", transport, StringComparison.Ordinal);
        Assert.Contains("ws_port = 18188", transport, StringComparison.Ordinal);
        Assert.Contains("admin_ws = false", transport, StringComparison.Ordinal);
        Assert.Contains("wss = false", transport, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_AreFreshAndDistinct()
    {
        var a = new JanusSecrets();
        var b = new JanusSecrets();

        Assert.NotEqual(a.ApiSecret, b.ApiSecret);
        Assert.Equal(3, new[] { a.ApiSecret, a.AdminSecret, a.AdminKey }.Distinct().Count());
        Assert.True(a.ApiSecret.Length >= 32);
    }
}
