using System.Globalization;
using System.Net;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Devices;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Features.Devices;

/// Device credentials expire after one idle hour here, so the idle test needs no 90-day jump
/// (which would also end the admin's 12-hour session).
public sealed class PairingServer : SetUpServer
{
    public PairingServer()
        : base(("Devices:CredentialIdleLifetime", "01:00:00"))
    {
    }

    public UserResponse Technician { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Technician = await Admin.CreateUserAsync("Tom Technician", "tom@contoso.test", UserRole.Technician);
    }
}

public sealed class PairingTests(PairingServer server) : IClassFixture<PairingServer>
{
    private const string WrongCode = "This code is wrong, used or expired. Ask for a new one.";

    [Fact]
    public async Task StartPairing_ForTechnician_ReturnsSixDigitCodeQrSvgAndFiveMinuteExpiry()
    {
        var now = server.Factory.Time.GetUtcNow();

        var offer = await server.Admin.StartPairingAsync(server.Technician.Id);

        Assert.Matches("^[0-9]{6}$", offer.Code);
        Assert.Contains("<svg", offer.QrSvg, StringComparison.Ordinal);
        Assert.Equal(now + TimeSpan.FromMinutes(5), offer.ExpiresAt);
    }

    [Fact]
    public async Task Claim_WithCode_SetsDeviceCookieAndDeviceMeAnswers()
    {
        var offer = await server.Admin.StartPairingAsync(server.Technician.Id);
        using var glasses = server.Factory.CreateBrowser();

        using var response = await glasses.TryClaimAsync(offer.Code, deviceName: "Vuzix M400");

        var identity = await response.ReadAsync<DeviceIdentityResponse>(HttpStatusCode.OK);
        Assert.Equal("Vuzix M400", identity.DeviceName);
        Assert.Equal(server.Technician.Id, identity.TechnicianId);
        var cookie = response.SetCookie("__Host-rs-device");
        CookieAssert.IsHostOnlySecureStrict(cookie);

        var me = await glasses.GetJsonAsync<DeviceIdentityResponse>("/api/device/me");
        Assert.Equal(identity.DeviceId, me.DeviceId);
        Assert.Equal("Tom Technician", me.TechnicianName);
        Assert.Equal(Api.OrganizationName, me.OrganizationName);

        var devices = await server.Admin.GetJsonAsync<DeviceResponse[]>("/api/devices");
        var listed = Assert.Single(devices, d => d.Id == identity.DeviceId);
        Assert.Equal("Vuzix M400", listed.Name);
        Assert.Null(listed.RevokedAt);
    }

    [Fact]
    public async Task Claim_SameCodeTwice_SecondIsRefused()
    {
        var offer = await server.Admin.StartPairingAsync(server.Technician.Id);
        using var first = server.Factory.CreateBrowser();
        using var second = server.Factory.CreateBrowser();
        await first.ClaimAsync(offer.Code);

        using var response = await second.TryClaimAsync(offer.Code);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([WrongCode], problem.Errors!["Code"]);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("__Host-rs-device=", StringComparison.Ordinal)));
        using var me = await second.GetAsync("/api/device/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Claim_JustBeforeFiveMinutes_Works()
    {
        var offer = await server.Admin.StartPairingAsync(server.Technician.Id);
        server.Factory.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        using var glasses = server.Factory.CreateBrowser();

        await glasses.ClaimAsync(offer.Code);
    }

    [Fact]
    public async Task Claim_AfterFiveMinutes_IsRefused()
    {
        var offer = await server.Admin.StartPairingAsync(server.Technician.Id);
        server.Factory.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var glasses = server.Factory.CreateBrowser();

        using var response = await glasses.TryClaimAsync(offer.Code);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([WrongCode], problem.Errors!["Code"]);
    }

    [Fact]
    public async Task Claim_WrongCode_IsRefused()
    {
        var offer = await server.Admin.StartPairingAsync(server.Technician.Id);
        var wrong = ((int.Parse(offer.Code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        using var glasses = server.Factory.CreateBrowser();

        using var response = await glasses.TryClaimAsync(wrong);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([WrongCode], problem.Errors!["Code"]);
        // The wrong guess did not use up the real offer.
        await glasses.ClaimAsync(offer.Code);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("١٢٣٤٥٦")]
    public async Task Claim_CodeNotSixAsciiDigits_IsRefused(string code)
    {
        using var glasses = server.Factory.CreateBrowser();

        using var response = await glasses.TryClaimAsync(code);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["The code has exactly 6 digits."], problem.Errors!["Code"]);
    }

    [Fact]
    public async Task Claim_NothingGiven_AsksForCodeOrQr()
    {
        using var glasses = server.Factory.CreateBrowser();

        using var response = await glasses.TryClaimAsync(null);

        Assert.Contains("Code", (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task Claim_MadeUpQrPayload_IsRefused()
    {
        await server.Admin.StartPairingAsync(server.Technician.Id);
        using var glasses = server.Factory.CreateBrowser();

        using var response = await glasses.TryClaimAsync(null, "RSPAIR1:" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([WrongCode], problem.Errors!["QrPayload"]);
        using var me = await glasses.GetAsync("/api/device/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/pair")]
    [InlineData("rspair1:lowercase-prefix")]
    public async Task Claim_QrPayloadOfAnotherKind_IsNotAPairingCode(string payload)
    {
        using var glasses = server.Factory.CreateBrowser();

        using var response = await glasses.TryClaimAsync(null, payload);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["This QR code is not a Remote Support pairing code."], problem.Errors!["QrPayload"]);
    }

    [Fact]
    public async Task StartPairing_Again_ReplacesTheEarlierUnusedOffer()
    {
        var earlier = await server.Admin.StartPairingAsync(server.Technician.Id);
        var later = await server.Admin.StartPairingAsync(server.Technician.Id);
        using var glasses = server.Factory.CreateBrowser();

        using (var old = await glasses.TryClaimAsync(earlier.Code))
        {
            Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        }

        await glasses.ClaimAsync(later.Code);
    }

    [Fact]
    public async Task StartPairing_ForNonTechnicianOrUnknownUser_IsRefused()
    {
        using (var admin = await server.Admin.PostJsonAsync("/api/pairing", new StartPairingRequest(server.AdminUser.Id)))
        {
            var problem = await admin.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Devices are paired for technicians only."], problem.Errors!["TechnicianId"]);
        }

        using (var unknown = await server.Admin.PostJsonAsync("/api/pairing", new StartPairingRequest(Guid.NewGuid())))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using var missing = await server.Admin.PostJsonAsync("/api/pairing", new StartPairingRequest(null));
        Assert.Contains("TechnicianId", (await missing.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task StartPairing_Anonymous_Is401()
    {
        using var glasses = server.Factory.CreateBrowser();
        await glasses.GetAntiforgeryAsync();

        using var response = await glasses.PostJsonAsync("/api/pairing", new StartPairingRequest(server.Technician.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RevokeDevice_ThenDeviceMe_Is401SayingItWasUnpaired()
    {
        var offer = await server.Admin.StartPairingAsync(server.Technician.Id);
        using var glasses = server.Factory.CreateBrowser();
        var identity = await glasses.ClaimAsync(offer.Code);

        using var revoke = await server.Admin.DeleteAsync($"/api/devices/{identity.DeviceId}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var me = await glasses.GetAsync("/api/device/me");
        var problem = await me.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("unpaired", problem.Detail, StringComparison.Ordinal);
        var listed = Assert.Single(await server.Admin.GetJsonAsync<DeviceResponse[]>("/api/devices"), d => d.Id == identity.DeviceId);
        Assert.NotNull(listed.RevokedAt);
    }

    [Fact]
    public async Task DeviceMe_UnusedLongerThanIdleLifetime_Is401SayingItExpired()
    {
        var offer = await server.Admin.StartPairingAsync(server.Technician.Id);
        using var glasses = server.Factory.CreateBrowser();
        await glasses.ClaimAsync(offer.Code);

        // Use keeps the credential alive: each use starts the idle hour again.
        server.Factory.Time.Advance(TimeSpan.FromMinutes(50));
        await glasses.GetJsonAsync<DeviceIdentityResponse>("/api/device/me");
        server.Factory.Time.Advance(TimeSpan.FromMinutes(50));
        await glasses.GetJsonAsync<DeviceIdentityResponse>("/api/device/me");

        server.Factory.Time.Advance(TimeSpan.FromMinutes(61));
        using var me = await glasses.GetAsync("/api/device/me");

        var problem = await me.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceMe_DisabledTechnician_Is401()
    {
        var technician = await server.Admin.CreateUserAsync("Tina Temporary", "tina@contoso.test", UserRole.Technician);
        var offer = await server.Admin.StartPairingAsync(technician.Id);
        using var glasses = server.Factory.CreateBrowser();
        await glasses.ClaimAsync(offer.Code);

        using (var disable = await server.Admin.PatchJsonAsync($"/api/users/{technician.Id}", new UpdateUserRequest(null, null, true)))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        using var me = await glasses.GetAsync("/api/device/me");
        var problem = await me.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("disabled", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceMe_NoOrForgedCredential_Is401AskingForPairing()
    {
        using var glasses = server.Factory.CreateBrowser();
        using (var none = await glasses.GetAsync("/api/device/me"))
        {
            Assert.Equal("Pairing needed.", (await none.ReadProblemAsync(HttpStatusCode.Unauthorized)).Title);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/device/me");
        request.Headers.Add("Cookie", "__Host-rs-device=forged-credential-value");
        using var forged = await glasses.SendAsync(request);
        Assert.Equal("Pairing needed.", (await forged.ReadProblemAsync(HttpStatusCode.Unauthorized)).Title);
    }
}
