using Microsoft.Playwright;

namespace RemoteSupport.E2E.Infrastructure;

/// What a person does in the portal, step by step, shared by the tests.
public static class PortalSteps
{
    public const string AdminPassword = "violet tugboat sings loudly";

    public static async Task SetUpOrganizationAsync(IPage page, string organization = "Acme Maintenance", string admin = "Ada Admin", string email = "ada@acme.test")
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Organisation name").FillAsync(organization);
        await page.GetByLabel("Your name").FillAsync(admin);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AdminPassword);
        await page.GetByLabel("Confirm password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    public static async Task AddUserAsync(IPage page, string name, string email, string role, string? password = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add user" }) });
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await form.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await form.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = role });
        if (password is not null)
        {
            await form.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToBeVisibleAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
