using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Infrastructure.Http;

public sealed class SecurityTests(SetUpServer server) : IClassFixture<SetUpServer>
{
    private const string AntiforgeryTitle = "Antiforgery token missing or invalid.";

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_Is400AndNothingChanges()
    {
        using var browser = server.Factory.CreateBrowser();
        await browser.SignInAsync(Api.AdminEmail, Api.AdminPassword);
        browser.DefaultRequestHeaders.Remove(Api.AntiforgeryHeader);

        using var response = await browser.PostJsonAsync("/api/users", new CreateUserRequest("Carl Csrf", "carl@contoso.test", UserRole.Technician, null));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(AntiforgeryTitle, problem.Title);
        Assert.DoesNotContain(await server.Admin.GetJsonAsync<UserResponse[]>("/api/users"), u => u.Email == "carl@contoso.test");
    }

    [Fact]
    public async Task PatchAndDelete_WithoutAntiforgeryToken_Are400AndNothingChanges()
    {
        var user = await server.Admin.CreateUserAsync("Pat Patch", "pat@contoso.test", UserRole.Technician);
        using var browser = server.Factory.CreateBrowser();
        await browser.SignInAsync(Api.AdminEmail, Api.AdminPassword);
        browser.DefaultRequestHeaders.Remove(Api.AntiforgeryHeader);

        using (var patch = await browser.PatchJsonAsync($"/api/users/{user.Id}", new UpdateUserRequest(null, null, true)))
        {
            Assert.Equal(AntiforgeryTitle, (await patch.ReadProblemAsync(HttpStatusCode.BadRequest)).Title);
        }

        using (var delete = await browser.DeleteAsync($"/api/devices/{Guid.NewGuid()}"))
        {
            Assert.Equal(AntiforgeryTitle, (await delete.ReadProblemAsync(HttpStatusCode.BadRequest)).Title);
        }

        Assert.False((await server.Admin.GetJsonAsync<UserResponse[]>("/api/users")).Single(u => u.Id == user.Id).Disabled);
    }

    [Fact]
    public async Task Post_WithTokenIssuedBeforeSignIn_Is400()
    {
        using var browser = server.Factory.CreateBrowser();
        var anonymousToken = await browser.GetAntiforgeryAsync();
        using (var signIn = await browser.PostJsonAsync("/api/auth/sign-in", new SignInRequest(Api.AdminEmail, Api.AdminPassword)))
        {
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        }

        // Still sending the anonymous token: it is bound to nobody, so it does not authorise the admin's changes.
        Assert.Equal(anonymousToken, browser.DefaultRequestHeaders.GetValues(Api.AntiforgeryHeader).Single());
        using var response = await browser.PostJsonAsync("/api/users", new CreateUserRequest("Olga Oldtoken", "olga@contoso.test", UserRole.Technician, null));

        Assert.Equal(AntiforgeryTitle, (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Title);
        Assert.DoesNotContain(await server.Admin.GetJsonAsync<UserResponse[]>("/api/users"), u => u.Email == "olga@contoso.test");
    }

    [Fact]
    public async Task Post_WithAnotherBrowsersToken_Is400()
    {
        using var browser = server.Factory.CreateBrowser();
        await browser.SignInAsync(Api.AdminEmail, Api.AdminPassword);
        browser.DefaultRequestHeaders.Remove(Api.AntiforgeryHeader);
        browser.DefaultRequestHeaders.Add(Api.AntiforgeryHeader, server.Admin.DefaultRequestHeaders.GetValues(Api.AntiforgeryHeader).Single());

        using var response = await browser.PostJsonAsync("/api/users", new CreateUserRequest("Xena Xsite", "xena@contoso.test", UserRole.Technician, null));

        Assert.Equal(AntiforgeryTitle, (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Title);
    }

    [Fact]
    public async Task SignIn_Success_SetsHostPrefixedSecureHttpOnlyStrictSessionCookie()
    {
        using var browser = server.Factory.CreateBrowser();

        using var response = await browser.TrySignInAsync(Api.AdminEmail, Api.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        CookieAssert.IsHostOnlySecureStrict(response.SetCookie("__Host-rs-session"));
    }

    [Fact]
    public async Task Antiforgery_Get_SetsHostPrefixedSecureHttpOnlyStrictCookie()
    {
        using var browser = server.Factory.CreateBrowser();

        using var response = await browser.GetAsync("/api/antiforgery");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        CookieAssert.IsHostOnlySecureStrict(response.SetCookie("__Host-rs-af"));
    }

    [Theory]
    [InlineData("/api/setup")]
    [InlineData("/api/auth/me")]
    [InlineData("/api/does-not-exist")]
    [InlineData("/health")]
    [InlineData("/")]
    public async Task Response_AnyEndpoint_CarriesTheSecurityHeaders(string path)
    {
        using var browser = server.Factory.CreateBrowser();

        using var response = await browser.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray());
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["'none'"], directives["base-uri"]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), v => v is "'unsafe-inline'" or "'unsafe-eval'" or "*");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        var permissions = Header(response, "Permissions-Policy").Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("camera=(self)", permissions);
        Assert.Contains("microphone=(self)", permissions);
        Assert.Contains("geolocation=()", permissions);
        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.True(int.Parse(Header(response, "Strict-Transport-Security")["max-age=".Length..].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture) >= 15_552_000);
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        if (path != "/health")
        {
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Response_PlainHttp_RedirectsToHttpsWithoutHsts()
    {
        using var client = server.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/setup");

        Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently, $"got {response.StatusCode}");
        Assert.Equal("https", response.Headers.Location?.Scheme);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Post_MalformedJson_Is400ProblemWithTraceIdAndNoExceptionText()
    {
        using var browser = server.Factory.CreateBrowser();
        await browser.GetAntiforgeryAsync();

        using var response = await browser.PostAsync("/api/auth/sign-in", new StringContent("{\"email\": \"ada@contoso.test\", \"password\": ", Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The request body is not valid JSON for this endpoint.", problem.Title);
        Assert.False(string.IsNullOrWhiteSpace(problem.TraceId));
        AssertNoExceptionText(body);
    }

    [Fact]
    public async Task Post_JsonOfWrongShape_Is400ProblemWithoutExceptionText()
    {
        using var browser = server.Factory.CreateBrowser();
        await browser.GetAntiforgeryAsync();

        using var response = await browser.PostAsync("/api/auth/sign-in", new StringContent("{\"email\": 42, \"password\": [1,2]}", Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.TraceId));
        AssertNoExceptionText(body);
    }

    [Fact]
    public async Task Post_UnknownEnumValue_Is400ProblemWithoutExceptionText()
    {
        using var response = await server.Admin.PostAsync("/api/users", JsonContent.Create(new { displayName = "Ed Enum", email = "ed@contoso.test", role = "SuperAdmin" }));

        var body = await response.Content.ReadAsStringAsync();
        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        AssertNoExceptionText(body);
    }

    [Fact]
    public async Task Get_UnknownApiRoute_Is404Problem()
    {
        using var response = await server.Admin.GetAsync("/api/nothing/here");

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private static string Header(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values), $"Missing header {name} on {response.RequestMessage?.RequestUri}");
        return string.Join(", ", values);
    }

    private static void AssertNoExceptionText(string body)
    {
        foreach (var leak in new[] { "Exception", " at ", "System.", "Microsoft.", "/work/", ".cs:", "RemoteSupport.Server" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }
    }
}
