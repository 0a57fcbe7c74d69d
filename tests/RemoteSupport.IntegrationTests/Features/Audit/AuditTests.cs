using System.Net;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Audit;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Features.Audit;

public sealed class AuditTests
{
    [Fact]
    public async Task Audit_AfterSetupUsersAndPairing_RecordsEachStepWithoutSecrets()
    {
        const string expertPassword = "maple otter juggles seven plums";
        const string wrongPassword = "wrong horse guessing attempt";
        await using var factory = new RemoteSupportFactory();
        using var admin = factory.CreateBrowser();
        await admin.SetupAsync();
        await admin.CreateUserAsync("Erin Expert", "erin@contoso.test", UserRole.Expert, expertPassword);
        var technician = await admin.CreateUserAsync("Tom Technician", "tom@contoso.test", UserRole.Technician);
        var offer = await admin.StartPairingAsync(technician.Id);
        using var glasses = factory.CreateBrowser();
        using var claim = await glasses.TryClaimAsync(offer.Code, deviceName: "Vuzix M400");
        var device = await claim.ReadAsync<RemoteSupport.Contracts.Devices.DeviceIdentityResponse>(HttpStatusCode.OK);
        var credential = claim.SetCookie("__Host-rs-device").Split(';')[0]["__Host-rs-device=".Length..];
        using (var revoke = await admin.DeleteAsync($"/api/devices/{device.DeviceId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var someone = factory.CreateBrowser();
        using (var failed = await someone.TrySignInAsync("erin@contoso.test", wrongPassword))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var events = await admin.GetJsonAsync<AuditEventResponse[]>("/api/audit");

        var setup = Assert.Single(events, e => e.Action == "organization.created");
        Assert.Equal(Api.OrganizationName, setup.Target);
        Assert.Equal(Api.AdminName, setup.ActorName);
        Assert.Contains(events, e => e.Action == "user.created" && e.Target == "erin@contoso.test" && e.ActorName == Api.AdminName);
        Assert.Contains(events, e => e.Action == "user.created" && e.Target == "tom@contoso.test");
        Assert.Contains(events, e => e.Action == "device.pairing-started" && e.Target == "tom@contoso.test");
        Assert.Contains(events, e => e.Action == "device.paired" && e.Target == "Vuzix M400" && e.ActorUserId == technician.Id);
        Assert.Contains(events, e => e.Action == "device.revoked" && e.Target == "Vuzix M400" && e.ActorName == Api.AdminName);
        Assert.Contains(events, e => e.Action == "user.sign-in-failed" && e.Target == "erin@contoso.test");
        Assert.Equal(events.OrderByDescending(e => e.At).Select(e => e.Id), events.Select(e => e.Id));

        string[] secrets = [Api.AdminPassword, expertPassword, wrongPassword, offer.Code, credential];
        foreach (var e in events)
        {
            foreach (var field in new[] { e.Action, e.ActorName, e.Target, e.Details, e.IpAddress })
            {
                foreach (var secret in secrets)
                {
                    Assert.False(field?.Contains(secret, StringComparison.OrdinalIgnoreCase) == true, $"Audit event {e.Action} contains a secret: {field}");
                }
            }
        }
    }

    [Fact]
    public async Task Audit_TakeParameter_LimitsTheNumberOfEvents()
    {
        await using var factory = new RemoteSupportFactory();
        using var admin = factory.CreateBrowser();
        await admin.SetupAsync();
        await admin.CreateUserAsync("Tom Technician", "tom@contoso.test", UserRole.Technician);
        await admin.CreateUserAsync("Tia Technician", "tia@contoso.test", UserRole.Technician);

        var one = await admin.GetJsonAsync<AuditEventResponse[]>("/api/audit?take=1");

        var latest = Assert.Single(one);
        Assert.Equal("tia@contoso.test", latest.Target);
    }
}
