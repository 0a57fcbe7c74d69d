using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Features.Guests;

/// <summary>Section "Guests": outside specialists invited by link into one call.</summary>
public sealed class GuestOptions
{
    public const string SectionName = "Guests";

    /// <summary>How long an unused invitation link stays valid. Between 5 minutes and 7 days; default 24 hours.</summary>
    public TimeSpan InviteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Join attempts per client IP address per minute (guessing tokens, flooding). Default 10.</summary>
    public int JoinsPerIpPerMinute { get; set; } = 10;
}

internal sealed class GuestOptionsValidator : IValidateOptions<GuestOptions>
{
    public ValidateOptionsResult Validate(string? name, GuestOptions o)
    {
        var errors = new List<string>();
        if (o.InviteLifetime < TimeSpan.FromMinutes(5) || o.InviteLifetime > TimeSpan.FromDays(7))
        {
            errors.Add("Guests:InviteLifetime must be between 00:05:00 and 7.00:00:00.");
        }

        if (o.JoinsPerIpPerMinute is < 1 or > 100_000)
        {
            errors.Add("Guests:JoinsPerIpPerMinute must be between 1 and 100000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
