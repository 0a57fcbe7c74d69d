using RemoteSupport.Server.Features.Media;

namespace RemoteSupport.Server.Tests.Features.Media;

public sealed class TurnCredentialsTests
{
    [Fact]
    public void Create_KnownVector_MatchesOpenSslHmacSha1()
    {
        // Computed independently:
        // printf %s "1700000000:3f2504e0-4f89-11d3-9a0c-0305e82c3301" | openssl dgst -sha1 -hmac "test-secret" -binary | base64
        var credential = TurnCredentials.Create("test-secret", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        Assert.Equal("1700000000:3f2504e0-4f89-11d3-9a0c-0305e82c3301", credential.Username);
        Assert.Equal("2bVPbIKwZc9d5YrT4Fp5ynMMCKg=", credential.Password);
    }

    [Fact]
    public void Create_OtherSecret_GivesOtherPassword()
    {
        var expiry = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        Assert.NotEqual(TurnCredentials.Create("secret-a", "u", expiry).Password, TurnCredentials.Create("secret-b", "u", expiry).Password);
    }
}
