using System.Net;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Features.Accounts;

public sealed class UsersTests(SetUpServer server) : IClassFixture<SetUpServer>
{
    private const string InitialPassword = "maple otter juggles seven plums";
    private const string NewPassword = "granite pelican under seventeen lanterns";

    [Fact]
    public async Task CreateUser_TechnicianWithoutPassword_IsCreatedWithNothingToChange()
    {
        var technician = await server.Admin.CreateUserAsync("Tom Technician", "tom@contoso.test", UserRole.Technician);

        Assert.Equal(UserRole.Technician, technician.Role);
        Assert.False(technician.MustChangePassword);
        Assert.False(technician.Disabled);
        var users = await server.Admin.GetJsonAsync<UserResponse[]>("/api/users");
        Assert.Contains(users, u => u.Id == technician.Id && u.Email == "tom@contoso.test");

        // No password: nothing signs in as this technician (they use paired glasses).
        using var browser = server.Factory.CreateBrowser();
        using var signIn = await browser.TrySignInAsync("tom@contoso.test", "");
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        using var signInGuess = await browser.TrySignInAsync("tom@contoso.test", InitialPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, signInGuess.StatusCode);
    }

    [Fact]
    public async Task CreateUser_ResponseHasLocationOfTheNewUser()
    {
        using var response = await server.Admin.PostJsonAsync("/api/users", new CreateUserRequest("  Lena Location  ", " lena@contoso.test ", UserRole.Technician, null));

        var user = await response.ReadAsync<UserResponse>(HttpStatusCode.Created);
        Assert.Equal($"/api/users/{user.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Lena Location", user.DisplayName);
        Assert.Equal("lena@contoso.test", user.Email);
    }

    [Fact]
    public async Task CreateUser_ExpertWithPassword_MustChangeItAndChangePasswordFlowWorks()
    {
        var expert = await server.Admin.CreateUserAsync("Erin Expert", "erin@contoso.test", UserRole.Expert, InitialPassword);
        Assert.True(expert.MustChangePassword);

        using var browser = server.Factory.CreateBrowser();
        var signedIn = await browser.SignInAsync("erin@contoso.test", InitialPassword);
        Assert.True(signedIn.MustChangePassword);

        // Held at the change-password step: only me, change-password and sign-out work.
        using (var organization = await browser.GetAsync("/api/organization"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, organization.StatusCode);
        }

        Assert.True((await browser.GetJsonAsync<CurrentUserResponse>("/api/auth/me")).MustChangePassword);

        using (var wrongCurrent = await browser.PostJsonAsync("/api/auth/change-password", new ChangePasswordRequest("not my password at all", NewPassword)))
        {
            var problem = await wrongCurrent.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["CurrentPassword"], problem.Errors!.Keys);
        }

        using (var weak = await browser.PostJsonAsync("/api/auth/change-password", new ChangePasswordRequest(InitialPassword, "password")))
        {
            var problem = await weak.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["NewPassword"], problem.Errors!.Keys);
            Assert.Equal(2, problem.Errors["NewPassword"].Length);
        }

        using (var same = await browser.PostJsonAsync("/api/auth/change-password", new ChangePasswordRequest(InitialPassword, InitialPassword)))
        {
            var problem = await same.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["NewPassword"], problem.Errors!.Keys);
        }

        var changed = await browser.ChangePasswordAsync(InitialPassword, NewPassword);
        Assert.False(changed.MustChangePassword);

        // The same browser now works normally, without signing in again.
        using (var organization = await browser.GetAsync("/api/organization"))
        {
            Assert.Equal(HttpStatusCode.OK, organization.StatusCode);
        }

        using var other = server.Factory.CreateBrowser();
        using (var old = await other.TrySignInAsync("erin@contoso.test", InitialPassword))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }

        Assert.False((await other.SignInAsync("erin@contoso.test", NewPassword)).MustChangePassword);
        var listed = (await server.Admin.GetJsonAsync<UserResponse[]>("/api/users")).Single(u => u.Id == expert.Id);
        Assert.False(listed.MustChangePassword);
    }

    [Fact]
    public async Task UpdateUser_RoleAndName_AreSaved()
    {
        var user = await server.Admin.CreateUserAsync("Rita Role", "rita@contoso.test", UserRole.Technician);

        using var response = await server.Admin.PatchJsonAsync($"/api/users/{user.Id}", new UpdateUserRequest("Rita Promoted", UserRole.OrgAdmin, null));

        var updated = await response.ReadAsync<UserResponse>(HttpStatusCode.OK);
        Assert.Equal(UserRole.OrgAdmin, updated.Role);
        Assert.Equal("Rita Promoted", updated.DisplayName);
        var listed = (await server.Admin.GetJsonAsync<UserResponse[]>("/api/users")).Single(u => u.Id == user.Id);
        Assert.Equal(UserRole.OrgAdmin, listed.Role);
        Assert.Equal("Rita Promoted", listed.DisplayName);
    }

    [Fact]
    public async Task UpdateUser_Disable_RejectsThatUsersExistingSessionAndSignIn()
    {
        var user = await server.Admin.CreateUserAsync("Dana Disabled", "dana@contoso.test", UserRole.Expert, InitialPassword);
        using var browser = server.Factory.CreateBrowser();
        await browser.SignInAsync("dana@contoso.test", InitialPassword);
        using (var before = await browser.GetAsync("/api/auth/me"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var response = await server.Admin.PatchJsonAsync($"/api/users/{user.Id}", new UpdateUserRequest(null, null, true));
        Assert.True((await response.ReadAsync<UserResponse>(HttpStatusCode.OK)).Disabled);

        using (var after = await browser.GetAsync("/api/auth/me"))
        {
            await after.ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var again = server.Factory.CreateBrowser();
        using var signIn = await again.TrySignInAsync("dana@contoso.test", InitialPassword);
        var problem = await signIn.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("disabled", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_ByAdmin_EndsSessionsAndTemporaryPasswordMustBeChanged()
    {
        var user = await server.Admin.CreateUserAsync("Ravi Reset", "ravi@contoso.test", UserRole.Expert, InitialPassword);
        using var browser = server.Factory.CreateBrowser();
        await browser.SignInAsync("ravi@contoso.test", InitialPassword);
        await browser.ChangePasswordAsync(InitialPassword, NewPassword);

        const string temporary = "copper meadow whistles at noon";
        using var response = await server.Admin.PostJsonAsync($"/api/users/{user.Id}/reset-password", new ResetPasswordRequest(temporary));

        Assert.True((await response.ReadAsync<UserResponse>(HttpStatusCode.OK)).MustChangePassword);
        using (var me = await browser.GetAsync("/api/auth/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }

        using var other = server.Factory.CreateBrowser();
        using (var oldPassword = await other.TrySignInAsync("ravi@contoso.test", NewPassword))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        }

        Assert.True((await other.SignInAsync("ravi@contoso.test", temporary)).MustChangePassword);
    }

    [Fact]
    public async Task ResetPassword_WeakTemporaryPassword_Is400AndKeepsTheOldOne()
    {
        var user = await server.Admin.CreateUserAsync("Wes Weak", "wes@contoso.test", UserRole.Technician);

        using var response = await server.Admin.PostJsonAsync($"/api/users/{user.Id}/reset-password", new ResetPasswordRequest("qwerty"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(2, problem.Errors!["TemporaryPassword"].Length);
        var listed = (await server.Admin.GetJsonAsync<UserResponse[]>("/api/users")).Single(u => u.Id == user.Id);
        Assert.False(listed.MustChangePassword);
    }

    [Fact]
    public async Task CreateUser_DuplicateEmailInAnyCase_Is400()
    {
        await server.Admin.CreateUserAsync("Dee Duplicate", "dee@contoso.test", UserRole.Technician);

        using var response = await server.Admin.PostJsonAsync("/api/users", new CreateUserRequest("Dee Again", " DEE@Contoso.TEST ", UserRole.Technician, null));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("A user with this email address already exists.", problem.Errors!["Email"]);
        var users = await server.Admin.GetJsonAsync<UserResponse[]>("/api/users");
        Assert.Single(users, u => u.Email.Equals("dee@contoso.test", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CreateUser_InvalidInput_ListsEveryProblemAtOnce()
    {
        using var response = await server.Admin.PostJsonAsync("/api/users", new CreateUserRequest(" ", "nope", null, "short"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["DisplayName", "Email", "Password", "Role"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateUser_ExpertWithoutPassword_IsRefused()
    {
        using var response = await server.Admin.PostJsonAsync("/api/users", new CreateUserRequest("Nina Nopass", "nina@contoso.test", UserRole.Expert, null));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Enter a password."], problem.Errors!["Password"]);
    }

    [Fact]
    public async Task UpdateUser_AdminDisablesOrDemotesSelf_IsRefused()
    {
        using var disable = await server.Admin.PatchJsonAsync($"/api/users/{server.AdminUser.Id}", new UpdateUserRequest(null, null, true));
        Assert.Contains("Disabled", (await disable.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);

        using var demote = await server.Admin.PatchJsonAsync($"/api/users/{server.AdminUser.Id}", new UpdateUserRequest(null, UserRole.Expert, null));
        Assert.Contains("Role", (await demote.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);

        Assert.Equal(UserRole.OrgAdmin, (await server.Admin.GetJsonAsync<CurrentUserResponse>("/api/auth/me")).Role);
    }

    [Fact]
    public async Task UpdateUser_UnknownId_Is404()
    {
        using var response = await server.Admin.PatchJsonAsync($"/api/users/{Guid.NewGuid()}", new UpdateUserRequest("Nobody", null, null));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Users_Expert_Is403()
    {
        await server.Admin.CreateUserAsync("Xavier Expert", "xavier@contoso.test", UserRole.Expert, InitialPassword);
        using var browser = server.Factory.CreateBrowser();
        await browser.SignInAsync("xavier@contoso.test", InitialPassword);
        await browser.ChangePasswordAsync(InitialPassword, NewPassword);

        using (var list = await browser.GetAsync("/api/users"))
        {
            await list.ReadProblemAsync(HttpStatusCode.Forbidden);
        }

        using (var create = await browser.PostJsonAsync("/api/users", new CreateUserRequest("Sneaky", "sneaky@contoso.test", UserRole.OrgAdmin, "copper meadow whistles at noon")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        }

        foreach (var path in new[] { "/api/devices", "/api/audit" })
        {
            using var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.DoesNotContain(await server.Admin.GetJsonAsync<UserResponse[]>("/api/users"), u => u.Email == "sneaky@contoso.test");
    }

    [Fact]
    public async Task Users_Anonymous_Is401()
    {
        using var browser = server.Factory.CreateBrowser();

        using var response = await browser.GetAsync("/api/users");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Sign in first.", problem.Title);
    }
}
