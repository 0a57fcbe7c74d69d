using System.Net;
using System.Text.Json;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Features.Accounts;

public sealed class SignInServer() : SetUpServer(("SignIn:MaxFailures", 3), ("SignIn:LockoutDuration", "00:15:00"));

public sealed class SignInTests(SignInServer server) : IClassFixture<SignInServer>
{
    private const string WrongCredentials = "The email or password is incorrect.";
    private const string ExpertPassword = "maple otter juggles seven plums";

    [Fact]
    public async Task SignIn_WrongPassword_Is401WithGenericDetail()
    {
        await server.Admin.CreateUserAsync("Wanda Wrong", "wanda@contoso.test", UserRole.Expert, ExpertPassword);
        using var browser = server.Factory.CreateBrowser();

        using var response = await browser.TrySignInAsync("wanda@contoso.test", "maple otter juggles eight plums");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Sign-in failed.", problem.Title);
        Assert.Equal(WrongCredentials, problem.Detail);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("__Host-rs-session=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)));
        using var me = await browser.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownEmail_SameStatusAndBodyShapeAsWrongPassword()
    {
        await server.Admin.CreateUserAsync("Sam Same", "sam@contoso.test", UserRole.Expert, ExpertPassword);
        using var browser = server.Factory.CreateBrowser();

        using var wrong = await browser.TrySignInAsync("sam@contoso.test", "definitely not the password");
        using var unknown = await browser.TrySignInAsync("nobody-here@contoso.test", "definitely not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(wrong.Content.Headers.ContentType?.ToString(), unknown.Content.Headers.ContentType?.ToString());
        Assert.Equal(WithoutTraceId(await wrong.Content.ReadAsStringAsync()), WithoutTraceId(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task SignIn_MaxFailuresReached_LocksAccountUntilLockoutDurationEnds()
    {
        await server.Admin.CreateUserAsync("Larry Locked", "larry@contoso.test", UserRole.Expert, ExpertPassword);
        using var browser = server.Factory.CreateBrowser();

        for (var i = 0; i < 3; i++)
        {
            using var failed = await browser.TrySignInAsync("larry@contoso.test", "wrong guess number " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        // Locked: even the right password is refused, with a wait time and no hint whether it was right.
        using (var locked = await browser.TrySignInAsync("larry@contoso.test", ExpertPassword))
        {
            var problem = await locked.ReadProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("Sign-in locked.", problem.Title);
            Assert.Equal("Too many failed sign-in attempts. Try again in 15 minutes.", problem.Detail);
        }

        server.Factory.Time.Advance(TimeSpan.FromMinutes(14));
        using (var stillLocked = await browser.TrySignInAsync("larry@contoso.test", ExpertPassword))
        {
            var problem = await stillLocked.ReadProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("Too many failed sign-in attempts. Try again in 1 minute.", problem.Detail);
        }

        server.Factory.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var user = await browser.SignInAsync("larry@contoso.test", ExpertPassword);
        Assert.Equal("larry@contoso.test", user.Email);
    }

    [Fact]
    public async Task SignIn_UnknownEmailFailsRepeatedly_IsLockedLikeARealAccount()
    {
        using var browser = server.Factory.CreateBrowser();
        const string ghost = "ghost@contoso.test";

        for (var i = 0; i < 3; i++)
        {
            using var failed = await browser.TrySignInAsync(ghost, "wrong guess number " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using (var locked = await browser.TrySignInAsync(ghost, "another wrong guess"))
        {
            var problem = await locked.ReadProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("Sign-in locked.", problem.Title);
            Assert.Equal("Too many failed sign-in attempts. Try again in 15 minutes.", problem.Detail);
        }

        // Emails are locked one by one: the case-insensitive same address is locked, another is not.
        using (var sameUpper = await browser.TrySignInAsync(ghost.ToUpperInvariant(), "another wrong guess"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, sameUpper.StatusCode);
        }

        using (var other = await browser.TrySignInAsync("other-ghost@contoso.test", "another wrong guess"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        }

        server.Factory.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var afterLock = await browser.TrySignInAsync(ghost, "another wrong guess");
        Assert.Equal(HttpStatusCode.Unauthorized, afterLock.StatusCode);
    }

    [Fact]
    public async Task SignIn_MissingFields_ListsBothProblems()
    {
        using var browser = server.Factory.CreateBrowser();

        using var response = await browser.TrySignInAsync("", "");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Email", "Password"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SignOut_SignedIn_EndsTheSession()
    {
        using var browser = server.Factory.CreateBrowser();
        await browser.SignInAsync(Api.AdminEmail, Api.AdminPassword);

        using var signOut = await browser.PostAsync("/api/auth/sign-out", null);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);

        using var me = await browser.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task SignIn_MoreAttemptsPerMinuteThanAllowedFromOneAddress_Is429()
    {
        await using var factory = new RemoteSupportFactory(("SignIn:AttemptsPerIpPerMinute", 3));
        using var browser = factory.CreateBrowser();

        for (var i = 0; i < 3; i++)
        {
            // Different unknown emails: the per-account lockout does not trigger, only the per-address limit.
            using var attempt = await browser.TrySignInAsync($"guess{i}@contoso.test", "violet tugboat sings loudly");
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        using var limited = await browser.TrySignInAsync("guess9@contoso.test", "violet tugboat sings loudly");
        var problem = await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many attempts.", problem.Title);
    }

    private static string WithoutTraceId(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement.EnumerateObject()
            .Where(p => p.Name != "traceId")
            .ToDictionary(p => p.Name, p => p.Value.ToString()));
    }
}
