using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;
using RemoteSupport.Server.Features.Accounts;

namespace RemoteSupport.Server.Tests.Features.Accounts;

public sealed class UnknownAccountThrottleTests : IDisposable
{
    private const string Email = "NOBODY@EXAMPLE.COM";
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly SignInOptions _options = new() { MaxFailures = 3, LockoutDuration = TimeSpan.FromMinutes(15) };
    private readonly UnknownAccountThrottle _throttle;

    public UnknownAccountThrottleTests() => _throttle = new UnknownAccountThrottle(_cache, _time);

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void LockedUntil_NoFailures_IsNull()
    {
        Assert.Null(_throttle.LockedUntil(Email));
    }

    [Fact]
    public void RecordFailure_BelowMaxFailures_DoesNotLock()
    {
        _throttle.RecordFailure(Email, _options);
        _throttle.RecordFailure(Email, _options);

        Assert.Null(_throttle.LockedUntil(Email));
    }

    [Fact]
    public void RecordFailure_ReachingMaxFailures_LocksForLockoutDuration()
    {
        for (var i = 0; i < _options.MaxFailures; i++)
        {
            _throttle.RecordFailure(Email, _options);
        }

        Assert.Equal(_time.GetUtcNow() + _options.LockoutDuration, _throttle.LockedUntil(Email));
    }

    [Fact]
    public void LockedUntil_AfterLockoutDuration_IsNullAndCountingStartsAgain()
    {
        for (var i = 0; i < _options.MaxFailures; i++)
        {
            _throttle.RecordFailure(Email, _options);
        }

        _time.Advance(_options.LockoutDuration - TimeSpan.FromSeconds(1));
        Assert.NotNull(_throttle.LockedUntil(Email));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(_throttle.LockedUntil(Email));

        _throttle.RecordFailure(Email, _options);
        Assert.Null(_throttle.LockedUntil(Email));
    }

    [Fact]
    public void RecordFailure_OtherEmail_IsCountedSeparately()
    {
        for (var i = 0; i < _options.MaxFailures; i++)
        {
            _throttle.RecordFailure(Email, _options);
        }

        Assert.NotNull(_throttle.LockedUntil(Email));
        Assert.Null(_throttle.LockedUntil("SOMEONE-ELSE@EXAMPLE.COM"));
    }
}
