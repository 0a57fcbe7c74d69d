using RemoteSupport.Server.Features.Accounts.Passwords;

namespace RemoteSupport.Server.Tests.Features.Accounts.Passwords;

public sealed class BlockedPasswordsTests
{
    private static readonly BlockedPasswords Bundled = BlockedPasswords.LoadBundled();

    [Fact]
    public void LoadBundled_FileCopiedToOutput_HasMoreThan300Entries()
    {
        Assert.True(Bundled.Count > 300, $"Only {Bundled.Count} blocked passwords loaded.");
    }

    [Fact]
    public void Constructor_CommentsBlankLinesAndCase_AreNormalised()
    {
        var list = new BlockedPasswords(["# a comment", "", "  Dragon  ", "SUNSHINE"]);

        Assert.Equal(2, list.Count);
        Assert.True(list.IsBlocked("dragon"));
        Assert.True(list.IsBlocked("SunShine"));
        Assert.False(list.IsBlocked("# a comment"));
    }

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou")]
    [InlineData("letmein")]
    [InlineData("123456789")]
    public void IsBlocked_ListedPassword_IsTrue(string password)
    {
        Assert.True(Bundled.IsBlocked(password));
    }

    [Theory]
    [InlineData("P@ssw0rd")]
    [InlineData("p4$$w0rd")]
    [InlineData("L3tM31n!")]
    [InlineData("dr4g0n2024")]
    [InlineData("Sun5h1ne!!")]
    [InlineData("P@ssword12345678")]
    [InlineData("Password2024!!!!!!")]
    [InlineData("$unshine2024")]
    [InlineData("5unsh1ne!!")]
    public void IsBlocked_LeetspeakOrPaddedVariant_IsTrue(string password)
    {
        Assert.True(Bundled.IsBlocked(password));
    }

    [Theory]
    [InlineData("passwordpassword")]
    [InlineData("dragondragondragon")]
    [InlineData("Monkey-Monkey-Monkey!")]
    public void IsBlocked_ListedWordRepeated_IsTrue(string password)
    {
        Assert.True(Bundled.IsBlocked(password));
    }

    [Theory]
    [InlineData("violet tugboat sings loudly")]
    [InlineData("maple otter juggles seven plums")]
    [InlineData("granite pelican under seventeen lanterns")]
    public void IsBlocked_UnrelatedPassphrase_IsFalse(string password)
    {
        Assert.False(Bundled.IsBlocked(password));
    }
}
