using System.Globalization;
using System.Text;

namespace RemoteSupport.Server.Features.Accounts.Passwords;

/// NIST SP 800-63B: length is what counts. No composition rules, no expiry; a block-list of common and
/// breached passwords and of context words (product, organisation, user names) instead.
public sealed class PasswordPolicy(BlockedPasswords blocked)
{
    public const int MaxLength = 256;
    public const int AbsoluteMinLength = 8;

    private static readonly string[] ProductWords = ["remote support", "remotesupport", "remote-support"];

    /// Returns every reason the password is refused; empty when it is accepted.
    public IReadOnlyList<string> Check(string? password, int minLength, params string?[] contextWords)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(password))
        {
            problems.Add("Enter a password.");
            return problems;
        }

        var length = new StringInfo(password.Normalize(NormalizationForm.FormC)).LengthInTextElements;
        if (length < minLength)
        {
            problems.Add($"Use at least {minLength} characters. A few unrelated words make a long password that is easy to remember.");
        }

        if (password.Length > MaxLength)
        {
            problems.Add($"Use at most {MaxLength} characters.");
        }

        if (blocked.IsBlocked(password))
        {
            problems.Add("This password is too common or has appeared in a data breach. Choose a different one.");
        }
        else if (IsRepetitive(password))
        {
            problems.Add("This password repeats or counts through characters. Choose a different one.");
        }
        else if (ContainsContextWord(password, contextWords))
        {
            problems.Add("This password is built on a name (product, organisation or user). Choose a different one.");
        }

        return problems;
    }

    private static bool IsRepetitive(string password) =>
        password.Distinct().Count() < 5 || IsSequence(password);

    private static bool IsSequence(string password)
    {
        var steps = 0;
        for (var i = 1; i < password.Length; i++)
        {
            var delta = password[i] - password[i - 1];
            if (delta is 1 or -1 or 0)
            {
                steps++;
            }
        }

        return steps >= password.Length - 2;
    }

    // Refused when a name makes up most of the password: what is left without it is shorter than 8.
    private static bool ContainsContextWord(string password, string?[] contextWords)
    {
        var lower = password.ToLowerInvariant();
        foreach (var word in ProductWords.Concat(contextWords.SelectMany(SplitContext)))
        {
            if (word.Length >= 4 && lower.Contains(word, StringComparison.Ordinal)
                && lower.Replace(word, string.Empty, StringComparison.Ordinal).Length < AbsoluteMinLength)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> SplitContext(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield break;
        }

        var lower = value.Trim().ToLowerInvariant();
        yield return lower;
        yield return string.Concat(lower.Where(char.IsLetterOrDigit));
        foreach (var part in lower.Split([' ', '@', '.', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
        {
            yield return part;
        }
    }
}
