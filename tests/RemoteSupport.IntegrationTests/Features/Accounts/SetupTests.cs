using System.Net;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Features.Accounts;

public sealed class SetupTests
{
    [Fact]
    public async Task Setup_FreshServer_CreatesOrganisationAndSignedInAdminThenIsDone()
    {
        await using var factory = new RemoteSupportFactory();
        using var browser = factory.CreateBrowser();

        Assert.True((await browser.GetJsonAsync<SetupStatusResponse>("/api/setup")).NeedsSetup);

        var admin = await browser.SetupAsync();

        Assert.Equal(Api.AdminEmail, admin.Email);
        Assert.Equal(Api.AdminName, admin.DisplayName);
        Assert.Equal(UserRole.OrgAdmin, admin.Role);
        Assert.True(admin.IsPlatformAdmin);
        Assert.False(admin.MustChangePassword);
        Assert.Equal(Api.OrganizationName, admin.OrganizationName);
        Assert.False((await browser.GetJsonAsync<SetupStatusResponse>("/api/setup")).NeedsSetup);
        Assert.Equal(admin.Id, (await browser.GetJsonAsync<CurrentUserResponse>("/api/auth/me")).Id);

        // The chosen password signs in from another browser.
        using var other = factory.CreateBrowser();
        Assert.Equal(admin.Id, (await other.SignInAsync(Api.AdminEmail, Api.AdminPassword)).Id);
    }

    [Fact]
    public async Task Setup_SecondTime_Is409AndChangesNothing()
    {
        await using var factory = new RemoteSupportFactory();
        using var first = factory.CreateBrowser();
        await first.SetupAsync();

        using var second = factory.CreateBrowser();
        await second.GetAntiforgeryAsync();
        using var response = await second.PostJsonAsync("/api/setup",
            new SetupRequest("Evil Corp Holdings", "Mallory Intruder", "mallory@evil.test", "maple otter juggles seven plums"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Setup is already done.", problem.Title);
        using var me = await second.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using var signIn = await second.TrySignInAsync("mallory@evil.test", "maple otter juggles seven plums");
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task Setup_InvalidInput_ListsEveryProblemAtOnceAndCreatesNothing()
    {
        await using var factory = new RemoteSupportFactory();
        using var browser = factory.CreateBrowser();
        await browser.GetAntiforgeryAsync();

        using var response = await browser.PostJsonAsync("/api/setup", new SetupRequest("", "   ", "not-an-email", "short"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Errors);
        Assert.Equal(["AdminName", "Email", "OrganizationName", "Password"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(problem.Errors["OrganizationName"], m => m.Contains("organisation", StringComparison.Ordinal));
        Assert.Contains(problem.Errors["Email"], m => m.Contains("name@example.com", StringComparison.Ordinal));
        Assert.Contains(problem.Errors["Password"], m => m.StartsWith("Use at least 15 characters", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(problem.TraceId));

        Assert.True((await browser.GetJsonAsync<SetupStatusResponse>("/api/setup")).NeedsSetup);
        using var me = await browser.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Setup_PasswordBuiltOnTheOrganisationName_IsRefused()
    {
        await using var factory = new RemoteSupportFactory();
        using var browser = factory.CreateBrowser();
        await browser.GetAntiforgeryAsync();

        using var response = await browser.PostJsonAsync("/api/setup",
            new SetupRequest(Api.OrganizationName, Api.AdminName, Api.AdminEmail, "Contoso Field Services!"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Password"], problem.Errors!.Keys);
        Assert.True((await browser.GetJsonAsync<SetupStatusResponse>("/api/setup")).NeedsSetup);
    }
}
