using System.Collections.Frozen;
using System.Text;

namespace RemoteSupport.Server.Features.Accounts.Passwords;

/// The bundled list of common and breached passwords (blocked-passwords.txt, one per line, lower case).
/// A password is also refused when its letters, with leetspeak undone, spell a listed word once or repeated
/// ("P@ssw0rd2024!" and "passwordpassword" both fall to "password").
public sealed class BlockedPasswords
{
    private readonly FrozenSet<string> _words;

    public BlockedPasswords(IEnumerable<string> words) =>
        _words = words.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0 && !w.StartsWith('#')).ToFrozenSet();

    public static BlockedPasswords LoadBundled() =>
        new(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Features", "Accounts", "Passwords", "blocked-passwords.txt")));

    public int Count => _words.Count;

    public bool IsBlocked(string password)
    {
        var lower = password.ToLowerInvariant();
        if (_words.Contains(lower))
        {
            return true;
        }

        // Digits and symbols at the ends are usually padding ("Password2024!"); inside a word they are leetspeak.
        // Padding is cut from the end only too, since a leading digit or symbol is often leetspeak ("$unshine2024").
        var padding = "0123456789!@#$%^&*()-_=+.,;:?/\\|~`'\" ".ToCharArray();
        return IsBlockedWord(LettersOnly(lower, undoLeet: false))
            || IsBlockedWord(LettersOnly(lower.Trim(padding), undoLeet: true))
            || IsBlockedWord(LettersOnly(lower.TrimEnd(padding), undoLeet: true));
    }

    private bool IsBlockedWord(string letters) =>
        letters.Length >= 4 && (_words.Contains(letters) || IsRepeatOfBlocked(letters));

    private bool IsRepeatOfBlocked(string letters)
    {
        for (var size = 4; size <= letters.Length / 2; size++)
        {
            if (letters.Length % size != 0)
            {
                continue;
            }

            var unit = letters[..size];
            if (_words.Contains(unit) && string.Concat(Enumerable.Repeat(unit, letters.Length / size)) == letters)
            {
                return true;
            }
        }

        return false;
    }

    private static string LettersOnly(string lower, bool undoLeet)
    {
        var sb = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            var mapped = !undoLeet ? c : c switch
            {
                '0' => 'o',
                '1' or '!' or '|' => 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' => 't',
                _ => c,
            };
            if (char.IsLetter(mapped))
            {
                sb.Append(mapped);
            }
        }

        return sb.ToString();
    }
}
