using Microsoft.Extensions.Caching.Memory;

namespace RemoteSupport.Server.Features.Accounts;

/// <summary>Section "SignIn": lockout after repeated failures.</summary>
public sealed class SignInOptions
{
    public const string SectionName = "SignIn";

    /// <summary>Failed attempts that lock an account. Default 5.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long a locked account stays locked. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts per client IP address per minute. Default 10.</summary>
    public int AttemptsPerIpPerMinute { get; set; } = 10;
}

/// Lockout for emails that belong to no account, kept in memory: unknown emails behave exactly like known ones
/// (same answers, same lockout), so sign-in tells nobody which accounts exist.
public sealed class UnknownAccountThrottle(IMemoryCache cache, TimeProvider time)
{
    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset? LockedUntil;
    }

    public DateTimeOffset? LockedUntil(string normalizedEmail) =>
        cache.TryGetValue(Key(normalizedEmail), out Entry? e) && e!.LockedUntil > time.GetUtcNow() ? e.LockedUntil : null;

    public void RecordFailure(string normalizedEmail, SignInOptions options)
    {
        var entry = cache.GetOrCreate(Key(normalizedEmail), c =>
        {
            c.AbsoluteExpirationRelativeToNow = options.LockoutDuration * 2;
            return new Entry();
        })!;
        lock (entry)
        {
            entry.Failures++;
            if (entry.Failures >= options.MaxFailures)
            {
                entry.LockedUntil = time.GetUtcNow() + options.LockoutDuration;
                entry.Failures = 0;
            }
        }
    }

    private static string Key(string normalizedEmail) => "signin-unknown:" + normalizedEmail;
}
