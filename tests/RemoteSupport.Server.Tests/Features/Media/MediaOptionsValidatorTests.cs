using RemoteSupport.Server.Features.Media;

namespace RemoteSupport.Server.Tests.Features.Media;

public sealed class MediaOptionsValidatorTests
{
    private static IEnumerable<string> Failures(MediaOptions options) =>
        new MediaOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.Empty(Failures(new MediaOptions()));

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        var failures = Failures(new MediaOptions
        {
            TurnMode = TurnMode.External,
            CredentialLifetime = TimeSpan.FromHours(2),
            RelayMinPort = 60000,
            RelayMaxPort = 50000,
            ListeningIp = "not-an-ip",
            StunUrls = ["turn:example.com"],
        }).ToList();

        Assert.Contains(failures, f => f.Contains("TurnSecret", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ExternalTurnUrls", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CredentialLifetime", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RelayMinPort", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ListeningIp", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("StunUrls", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ManagedSecretThatCouldBreakTheConfigFile_Fails()
    {
        Assert.NotEmpty(Failures(new MediaOptions { TurnSecret = "abcdefghijklmnop\nallow-loopback-peers" }));
        Assert.NotEmpty(Failures(new MediaOptions { TurnSecret = "abcdefghijklmnop#comment" }));
        Assert.NotEmpty(Failures(new MediaOptions { TurnSecret = "short" }));
    }
}
