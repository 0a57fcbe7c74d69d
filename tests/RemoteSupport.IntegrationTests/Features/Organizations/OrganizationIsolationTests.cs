using System.Net;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Audit;
using RemoteSupport.Contracts.Devices;
using RemoteSupport.Contracts.Organizations;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Features.Organizations;

/// Two organisations on one server: the first (set up at first run) with a technician and a paired device,
/// the second created by the platform admin, whose admin has changed the initial password.
public sealed class TwoOrganizations : SetUpServer
{
    public const string SecondAdminEmail = "nora@northwind.test";
    private const string SecondAdminInitialPassword = "copper meadow whistles at noon";
    private const string SecondAdminPassword = "granite pelican under seventeen lanterns";

    public HttpClient SecondAdmin { get; } = null!;
    public HttpClient FirstOrgDevice { get; private set; } = null!;
    public UserResponse FirstOrgTechnician { get; private set; } = null!;
    public DeviceIdentityResponse FirstOrgDeviceIdentity { get; private set; } = null!;
    public OrganizationResponse SecondOrganization { get; private set; } = null!;
    public UserResponse SecondOrgTechnician { get; private set; } = null!;

    public TwoOrganizations() => SecondAdmin = Factory.CreateBrowser();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        FirstOrgTechnician = await Admin.CreateUserAsync("Tom Technician", "tom@contoso.test", UserRole.Technician);
        var offer = await Admin.StartPairingAsync(FirstOrgTechnician.Id);
        FirstOrgDevice = Factory.CreateBrowser();
        FirstOrgDeviceIdentity = await FirstOrgDevice.ClaimAsync(offer.Code, "Contoso glasses");

        using (var created = await Admin.PostJsonAsync("/api/platform/organizations",
            new CreateOrganizationRequest("Northwind Repairs", "Nora North", SecondAdminEmail, SecondAdminInitialPassword)))
        {
            SecondOrganization = await created.ReadAsync<OrganizationResponse>(HttpStatusCode.Created);
        }

        var nora = await SecondAdmin.SignInAsync(SecondAdminEmail, SecondAdminInitialPassword);
        Assert.True(nora.MustChangePassword);
        Assert.False(nora.IsPlatformAdmin);
        await SecondAdmin.ChangePasswordAsync(SecondAdminInitialPassword, SecondAdminPassword);
        SecondOrgTechnician = await SecondAdmin.CreateUserAsync("Nils Northwind", "nils@northwind.test", UserRole.Technician);
    }

    public override async Task DisposeAsync()
    {
        SecondAdmin.Dispose();
        FirstOrgDevice?.Dispose();
        await base.DisposeAsync();
    }
}

public sealed class OrganizationIsolationTests(TwoOrganizations server) : IClassFixture<TwoOrganizations>
{
    [Fact]
    public async Task CreateOrganization_ByPlatformAdmin_SecondAdminSeesOwnOrganisation()
    {
        var organization = await server.SecondAdmin.GetJsonAsync<OrganizationResponse>("/api/organization");

        Assert.Equal(server.SecondOrganization.Id, organization.Id);
        Assert.Equal("Northwind Repairs", organization.Name);
        Assert.NotEqual(server.AdminUser.OrganizationId, organization.Id);
    }

    [Fact]
    public async Task PatchUser_OfAnotherOrganisation_Is404AndChangesNothing()
    {
        using var response = await server.SecondAdmin.PatchJsonAsync($"/api/users/{server.FirstOrgTechnician.Id}", new UpdateUserRequest("Hijacked", UserRole.OrgAdmin, true));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var technician = (await server.Admin.GetJsonAsync<UserResponse[]>("/api/users")).Single(u => u.Id == server.FirstOrgTechnician.Id);
        Assert.Equal("Tom Technician", technician.DisplayName);
        Assert.Equal(UserRole.Technician, technician.Role);
        Assert.False(technician.Disabled);
    }

    [Fact]
    public async Task ResetPassword_OfAnotherOrganisationsAdmin_Is404AndTheirSessionLives()
    {
        using var response = await server.SecondAdmin.PostJsonAsync($"/api/users/{server.AdminUser.Id}/reset-password", new ResetPasswordRequest("maple otter juggles seven plums"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var me = await server.Admin.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task RevokeDevice_OfAnotherOrganisation_Is404AndTheDeviceStillWorks()
    {
        using var response = await server.SecondAdmin.DeleteAsync($"/api/devices/{server.FirstOrgDeviceIdentity.DeviceId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var identity = await server.FirstOrgDevice.GetJsonAsync<DeviceIdentityResponse>("/api/device/me");
        Assert.Equal(server.FirstOrgDeviceIdentity.DeviceId, identity.DeviceId);
    }

    [Fact]
    public async Task StartPairing_ForAnotherOrganisationsTechnician_Is404()
    {
        using var response = await server.SecondAdmin.PostJsonAsync("/api/pairing", new StartPairingRequest(server.FirstOrgTechnician.Id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ListUsers_SecondOrganisation_SeesOnlyItsOwnUsers()
    {
        var users = await server.SecondAdmin.GetJsonAsync<UserResponse[]>("/api/users");

        Assert.Equal(["nils@northwind.test", TwoOrganizations.SecondAdminEmail], users.Select(u => u.Email).Order(StringComparer.Ordinal));
        var firstOrgUsers = await server.Admin.GetJsonAsync<UserResponse[]>("/api/users");
        Assert.DoesNotContain(firstOrgUsers, u => u.Email.EndsWith("@northwind.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListDevices_SecondOrganisation_DoesNotSeeTheFirstOrganisationsDevice()
    {
        var devices = await server.SecondAdmin.GetJsonAsync<DeviceResponse[]>("/api/devices");
        var firstOrgDevices = await server.Admin.GetJsonAsync<DeviceResponse[]>("/api/devices");

        Assert.Empty(devices);
        Assert.Contains(firstOrgDevices, d => d.Id == server.FirstOrgDeviceIdentity.DeviceId);
    }

    [Fact]
    public async Task Audit_SecondOrganisation_SeesOnlyItsOwnEvents()
    {
        var second = await server.SecondAdmin.GetJsonAsync<AuditEventResponse[]>("/api/audit");
        var first = await server.Admin.GetJsonAsync<AuditEventResponse[]>("/api/audit");

        Assert.NotEmpty(second);
        Assert.NotEmpty(first);
        Assert.Empty(second.Select(e => e.Id).Intersect(first.Select(e => e.Id)));
        Assert.Contains(second, e => e.Action == "organization.created" && e.Target == "Northwind Repairs");
        Assert.Contains(second, e => e.Action == "user.created" && e.Target == "nils@northwind.test");
        // The platform admin (of the first organisation) appears once, as who created the second one; nothing else does.
        Assert.DoesNotContain(second, e => e.Action != "organization.created"
            && (string.Join(' ', e.Target, e.Details, e.ActorName).Contains("contoso", StringComparison.OrdinalIgnoreCase) || e.ActorUserId == server.AdminUser.Id));
        Assert.DoesNotContain(second, e => string.Join(' ', e.Target, e.Details).Contains("contoso", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(first, e => e.Action == "device.paired");
        Assert.DoesNotContain(first, e => string.Join(' ', e.Target, e.Details).Contains("northwind", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CreateOrganization_BySecondOrganisationsAdmin_Is403()
    {
        using var response = await server.SecondAdmin.PostJsonAsync("/api/platform/organizations",
            new CreateOrganizationRequest("Shadow Org Limited", "Sid Shadow", "sid@shadow.test", "maple otter juggles seven plums"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
