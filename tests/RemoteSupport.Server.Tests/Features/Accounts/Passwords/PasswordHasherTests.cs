using RemoteSupport.Server.Features.Accounts.Passwords;

namespace RemoteSupport.Server.Tests.Features.Accounts.Passwords;

public sealed class PasswordHasherTests
{
    // Low iteration counts keep these tests fast; one test checks the production default.
    private const int FastIterations = 1_000;
    private const string Passphrase = "violet tugboat sings loudly";

    [Fact]
    public void Hash_ThenVerifySamePassword_IsCorrect()
    {
        var hasher = new PasswordHasher(FastIterations);

        var stored = hasher.Hash(Passphrase);

        Assert.Equal(PasswordCheck.Correct, hasher.Verify(stored, Passphrase));
    }

    [Fact]
    public void Verify_WrongPassword_IsWrong()
    {
        var hasher = new PasswordHasher(FastIterations);
        var stored = hasher.Hash(Passphrase);

        Assert.Equal(PasswordCheck.Wrong, hasher.Verify(stored, "violet tugboat sings loudly!"));
        Assert.Equal(PasswordCheck.Wrong, hasher.Verify(stored, "Violet tugboat sings loudly"));
        Assert.Equal(PasswordCheck.Wrong, hasher.Verify(stored, string.Empty));
    }

    [Fact]
    public void Hash_DefaultSettings_StoresAlgorithmIterationsSixteenByteSaltAndHash()
    {
        var hasher = new PasswordHasher();

        var parts = hasher.Hash(Passphrase).Split('$');

        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha512", parts[0]);
        Assert.Equal(PasswordHasher.DefaultIterations.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[1]);
        Assert.True(PasswordHasher.DefaultIterations >= 210_000, "OWASP recommends at least 210,000 PBKDF2-HMAC-SHA512 iterations.");
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(64, Convert.FromBase64String(parts[3]).Length);
    }

    [Fact]
    public void Hash_SamePasswordTwice_UsesDifferentSalts()
    {
        var hasher = new PasswordHasher(FastIterations);

        var first = hasher.Hash(Passphrase);
        var second = hasher.Hash(Passphrase);

        Assert.NotEqual(first, second);
        Assert.NotEqual(first.Split('$')[2], second.Split('$')[2]);
    }

    [Fact]
    public void Verify_HashWithFewerIterationsThanConfigured_IsCorrectNeedsRehash()
    {
        var old = new PasswordHasher(FastIterations).Hash(Passphrase);
        var stronger = new PasswordHasher(FastIterations * 2);

        Assert.Equal(PasswordCheck.CorrectNeedsRehash, stronger.Verify(old, Passphrase));
        Assert.Equal(PasswordCheck.Wrong, stronger.Verify(old, "some other passphrase here"));
    }

    [Fact]
    public void Verify_HashWithMoreIterationsThanConfigured_IsCorrect()
    {
        var stored = new PasswordHasher(FastIterations * 2).Hash(Passphrase);

        Assert.Equal(PasswordCheck.Correct, new PasswordHasher(FastIterations).Verify(stored, Passphrase));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("pbkdf2-sha512$1000$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha512$abc$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha512$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha512$-5$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha512$1000$not*base64$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha512$1000$AAAAAAAAAAAAAAAAAAAAAA==$not*base64")]
    [InlineData("pbkdf2-sha512$1000$$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha512$1000$AAAAAAAAAAAAAAAAAAAAAA==$")]
    [InlineData("pbkdf2-sha512$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==$extra")]
    public void Verify_MalformedStoredHash_IsWrong(string? stored)
    {
        var hasher = new PasswordHasher(FastIterations);

        Assert.Equal(PasswordCheck.Wrong, hasher.Verify(stored, Passphrase));
    }

    [Fact]
    public void Constructor_ZeroIterations_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordHasher(0));
    }
}
