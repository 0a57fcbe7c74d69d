using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.E2E;

/// The messages a person sees for a wrong, a blocked and a too-short password.
public sealed class PasswordMessagesTests
{
    [Fact]
    public async Task Passwords_WrongBlockedAndTooShort_EachShowsItsMessage()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(server.BaseUrl);

        // Setup refuses a too-short and a blocked password, naming the reason next to the field.
        await page.GotoAsync("/");
        await page.GetByLabel("Organisation name").FillAsync("Beta Plant");
        await page.GetByLabel("Your name").FillAsync("Bo Admin");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("bo@beta.test");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("short pass");
        await page.GetByLabel("Confirm password").FillAsync("short pass");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error").First).ToContainTextAsync("at least 15 characters");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Password123456789!");
        await page.GetByLabel("Confirm password").FillAsync("Password123456789!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error").First).ToContainTextAsync("too common");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(PortalSteps.AdminPassword);
        await page.GetByLabel("Confirm password").FillAsync(PortalSteps.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // A wrong password.
        await PortalSteps.SignInAsync(page, "bo@beta.test", "not the right passphrase at all");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is incorrect.");

        // The right one signs in.
        await PortalSteps.SignInAsync(page, "bo@beta.test", PortalSteps.AdminPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task NewExpert_MustReplaceTemporaryPassword_ShortAndBlockedAreRefused()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(server.BaseUrl);
        await PortalSteps.SetUpOrganizationAsync(admin);
        await PortalSteps.AddUserAsync(admin, "Eve Expert", "eve@acme.test", "Expert", "temporary orchard lantern 42");

        var expert = await browser.NewPageAsync(server.BaseUrl);
        await PortalSteps.SignInAsync(expert, "eve@acme.test", "temporary orchard lantern 42");
        await expert.GetByLabel("Current password").FillAsync("temporary orchard lantern 42");

        await expert.GetByLabel("New password", new() { Exact = true }).FillAsync("tooshort");
        await expert.GetByLabel("Confirm new password").FillAsync("tooshort");
        await expert.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(expert.Locator(".field-error").First).ToContainTextAsync("at least 15 characters");

        await expert.GetByLabel("New password", new() { Exact = true }).FillAsync("qwertyuiopasdfghjkl");
        await expert.GetByLabel("Confirm new password").FillAsync("qwertyuiopasdfghjkl");
        await expert.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(expert.Locator(".field-error").First).ToContainTextAsync("too common");

        await expert.GetByLabel("New password", new() { Exact = true }).FillAsync("copper kettle under midnight rain");
        await expert.GetByLabel("Confirm new password").FillAsync("copper kettle under midnight rain");
        await expert.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(expert.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Assertions.Expect(expert.GetByText("Eve Expert").First).ToBeVisibleAsync();
    }
}
