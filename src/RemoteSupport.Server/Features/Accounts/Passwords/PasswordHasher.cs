using System.Security.Cryptography;
using System.Text;

namespace RemoteSupport.Server.Features.Accounts.Passwords;

/// PBKDF2-HMAC-SHA512 with a 16-byte random salt. The algorithm and iteration count are stored with
/// the hash ("pbkdf2-sha512$iterations$salt$hash") so a stronger setting upgrades hashes at next sign-in.
public sealed class PasswordHasher
{
    public const int DefaultIterations = 210_000;
    private const string Prefix = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 64;

    private readonly int _iterations;

    // Verified against when the user does not exist, so unknown emails cost the same time.
    private readonly string _dummyHash;

    public PasswordHasher(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        _iterations = iterations;
        _dummyHash = Hash(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
    }

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, _iterations, HashAlgorithmName.SHA512, HashBytes);
        return $"{Prefix}${_iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public PasswordCheck Verify(string? storedHash, string password)
    {
        if (storedHash is null || !TryParse(storedHash, out var iterations, out var salt, out var expected))
        {
            VerifyDummy(password);
            return PasswordCheck.Wrong;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordCheck.Wrong;
        }

        return iterations < _iterations ? PasswordCheck.CorrectNeedsRehash : PasswordCheck.Correct;
    }

    public void VerifyDummy(string password) => Verify(_dummyHash, password);

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Prefix || !int.TryParse(parts[1], out iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
            return salt.Length > 0 && hash.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

public enum PasswordCheck
{
    Wrong,
    Correct,
    CorrectNeedsRehash,
}
