using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RemoteSupport.Server.Features.Accounts.Passwords;

namespace RemoteSupport.Server.Features.Accounts;

public static class AccountsRegistration
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.SectionName)
            .Validate(o => o.MaxFailures >= 1 && o.LockoutDuration > TimeSpan.Zero && o.AttemptsPerIpPerMinute >= 1,
                "SignIn: MaxFailures and AttemptsPerIpPerMinute must be at least 1 and LockoutDuration positive.")
            .ValidateOnStart();
        var signIn = builder.Configuration.GetSection(SignInOptions.SectionName).Get<SignInOptions>() ?? new SignInOptions();

        builder.Services.AddSingleton(new PasswordHasher(Math.Max(PasswordHasher.DefaultIterations, builder.Configuration.GetValue("Passwords:Iterations", PasswordHasher.DefaultIterations))));
        builder.Services.AddSingleton(BlockedPasswords.LoadBundled());
        builder.Services.AddSingleton<PasswordPolicy>();
        builder.Services.AddSingleton<UnknownAccountThrottle>();
        builder.Services.AddMemoryCache();
        builder.Services.AddPortalAuth();

        // Per client address: slows password guessing across accounts; the per-account lockout covers the rest.
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(Results.Problem(statusCode: 429, title: "Too many attempts.",
                detail: "Too many attempts from your address. Wait a minute and try again.").ExecuteAsync(context.HttpContext));
            o.AddPolicy(AuthApi.SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signIn.AttemptsPerIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapSetupApi();
        app.MapAuthApi();
        app.MapUsersApi();
    }
}
