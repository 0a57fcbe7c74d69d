using RemoteSupport.Server.Features.Accounts.Passwords;

namespace RemoteSupport.Server.Tests.Features.Accounts.Passwords;

public sealed class PasswordPolicyTests
{
    private const int MinLength = 15;
    private const string GoodPassphrase = "violet tugboat sings loudly";
    private static readonly PasswordPolicy Policy = new(BlockedPasswords.LoadBundled());

    private static IReadOnlyList<string> Check(string? password, params string?[] context) => Policy.Check(password, MinLength, context);

    private static bool SaysTooShort(IReadOnlyList<string> problems) => problems.Any(p => p.StartsWith($"Use at least {MinLength} characters", StringComparison.Ordinal));

    private static bool SaysBlocked(IReadOnlyList<string> problems) => problems.Any(p => p.Contains("too common", StringComparison.Ordinal));

    private static bool SaysRepetitive(IReadOnlyList<string> problems) => problems.Any(p => p.Contains("repeats or counts", StringComparison.Ordinal));

    private static bool SaysContext(IReadOnlyList<string> problems) => problems.Any(p => p.Contains("built on a name", StringComparison.Ordinal));

    [Fact]
    public void Check_GoodPassphrase_HasNoProblems()
    {
        Assert.Empty(Check(GoodPassphrase, "Contoso Field Services", "Margaret Hamilton", "margaret.hamilton@contoso.com"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Check_Missing_AsksForAPassword(string? password)
    {
        Assert.Equal(["Enter a password."], Check(password));
    }

    [Fact]
    public void Check_OneBelowMinimum_IsTooShortAndNamesTheMinimum()
    {
        var problems = Check("violet tugboat");   // 14 characters

        Assert.Single(problems);
        Assert.True(SaysTooShort(problems), string.Join(" | ", problems));
        Assert.Contains("15", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExactlyMinimum_IsAccepted()
    {
        Assert.Empty(Check("violet tugboat!"));   // 15 characters
    }

    [Fact]
    public void Check_MinimumCountsTextElementsNotUtf16Units_EmojiCountOnce()
    {
        // 14 emoji are 28 UTF-16 code units but 14 characters a person typed.
        var problems = Policy.Check(string.Concat(Enumerable.Repeat("🦊", 7)) + string.Concat(Enumerable.Repeat("🐙", 7)), MinLength);

        Assert.True(SaysTooShort(problems), string.Join(" | ", problems));
    }

    [Fact]
    public void Check_OrganisationMinimumHigherThanDefault_IsApplied()
    {
        var problems = Policy.Check(GoodPassphrase, 40);

        Assert.Contains(problems, p => p.StartsWith("Use at least 40 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SixtyFourCharacterPassphrase_IsAccepted()
    {
        var password = "violet tugboat sings loudly while orange kettles hum quiet tunes";
        Assert.True(password.Length >= 64, $"length {password.Length}");

        Assert.Empty(Check(password));
    }

    [Fact]
    public void Check_MaximumLength_IsAccepted()
    {
        var password = BuildPassphrase(PasswordPolicy.MaxLength);

        Assert.Empty(Check(password));
    }

    [Fact]
    public void Check_OverMaximumLength_IsRefused()
    {
        var problems = Check(BuildPassphrase(PasswordPolicy.MaxLength + 1));

        Assert.Equal(["Use at most 256 characters."], problems);
    }

    [Theory]
    [InlineData("passwordpassword")]
    [InlineData("P@ssword12345678")]
    [InlineData("Password2024!!!!!!")]
    [InlineData("qwertyuiopasdfghjkl")]
    [InlineData("iloveyouforever!!")]
    [InlineData("letmeinletmeinletmein")]
    [InlineData("Sunshine2024!!!!")]
    [InlineData("Football#Football")]
    public void Check_CommonOrBreachedPassword_IsBlocked(string password)
    {
        var problems = Check(password);

        Assert.True(SaysBlocked(problems), $"{password}: {string.Join(" | ", problems)}");
    }

    [Theory]
    [InlineData("Contoso Field Services!", "Contoso Field Services", null, null)]
    [InlineData("margaret hamilton 1234", null, "Margaret Hamilton", null)]
    [InlineData("Quartermaster2024!!", null, null, "quartermaster@contoso.com")]
    [InlineData("quartermasterQUARTERMASTER", null, null, "quartermaster@contoso.com")]
    [InlineData("Remote Support 2024!", null, null, null)]
    [InlineData("ContosoFieldServices", "Contoso Field Services", null, null)]
    [InlineData("MargaretHamilton!", null, "Margaret Hamilton", null)]
    public void Check_NameDominatesPassword_IsRefused(string password, string? organization, string? user, string? email)
    {
        var problems = Check(password, organization, user, email);

        Assert.True(SaysContext(problems), $"{password}: {string.Join(" | ", problems)}");
    }

    [Fact]
    public void Check_NameIsOnlyASmallPartOfALongPassphrase_IsAccepted()
    {
        Assert.Empty(Check("margaret likes violet tugboats that sing", null, "Margaret Hamilton", "margaret.hamilton@contoso.com"));
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("abababababababab")]
    [InlineData("abcdefghijklmnopq")]
    [InlineData("zyxwvutsrqponmlkj")]
    [InlineData("1234567890123456")]
    public void Check_RepetitiveOrSequence_IsRefused(string password)
    {
        var problems = Check(password);

        Assert.True(SaysRepetitive(problems) || SaysBlocked(problems), $"{password}: {string.Join(" | ", problems)}");
        Assert.False(SaysTooShort(problems));
    }

    [Fact]
    public void Check_RepeatedLetters_IsRefusedAsRepetitive()
    {
        Assert.True(SaysRepetitive(Check("aaaaaaaaaaaaaaaa")));
        Assert.True(SaysRepetitive(Check("abcdefghijklmnopq")));
    }

    [Fact]
    public void Check_SeveralProblems_AreAllListedAtOnce()
    {
        var problems = Check("P@ssw0rd");

        Assert.Equal(2, problems.Count);
        Assert.True(SaysTooShort(problems));
        Assert.True(SaysBlocked(problems));
    }

    [Fact]
    public void Check_OverMaximumAndBlocked_AreBothListed()
    {
        var problems = Check(string.Concat(Enumerable.Repeat("password", 33)));   // 264 characters

        Assert.Equal(2, problems.Count);
        Assert.Contains("Use at most 256 characters.", problems);
        Assert.True(SaysBlocked(problems));
    }

    private static string BuildPassphrase(int length)
    {
        string[] words = ["violet", "tugboat", "sings", "loudly", "orange", "kettle", "granite", "pelican", "lantern", "meadow", "copper", "whistle"];
        var text = new System.Text.StringBuilder();
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(words[i % words.Length]).Append(i % 7).Append(' ');
        }

        return text.ToString(0, length);
    }
}
