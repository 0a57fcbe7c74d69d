using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Devices;

namespace RemoteSupport.IntegrationTests.Infrastructure;

/// What a client of the API does: fetch the antiforgery token, set up, sign in, create users.
public static class Api
{
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
    public const string OrganizationName = "Contoso Field Services";
    public const string AdminName = "Ada Lovelace";
    public const string AdminEmail = "ada@contoso.test";
    public const string AdminPassword = "violet tugboat sings loudly";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// Fetches a request token for this browser and whoever is signed in, and sends it on every later request.
    public static async Task<string> GetAntiforgeryAsync(this HttpClient client)
    {
        var token = await client.GetFromJsonAsync<AntiforgeryTokenResponse>("/api/antiforgery", Json);
        Assert.NotNull(token);
        Assert.Equal(AntiforgeryHeader, token.HeaderName);
        client.DefaultRequestHeaders.Remove(token.HeaderName);
        client.DefaultRequestHeaders.Add(token.HeaderName, token.RequestToken);
        return token.RequestToken;
    }

    public static async Task<CurrentUserResponse> SetupAsync(this HttpClient client, string organization = OrganizationName,
        string adminName = AdminName, string email = AdminEmail, string password = AdminPassword)
    {
        await client.GetAntiforgeryAsync();
        using var response = await client.PostJsonAsync("/api/setup", new SetupRequest(organization, adminName, email, password));
        var user = await response.ReadAsync<CurrentUserResponse>(HttpStatusCode.OK);
        await client.GetAntiforgeryAsync();
        return user;
    }

    public static async Task<HttpResponseMessage> TrySignInAsync(this HttpClient client, string email, string password)
    {
        await client.GetAntiforgeryAsync();
        return await client.PostJsonAsync("/api/auth/sign-in", new SignInRequest(email, password));
    }

    public static async Task<CurrentUserResponse> SignInAsync(this HttpClient client, string email, string password)
    {
        using var response = await client.TrySignInAsync(email, password);
        var user = await response.ReadAsync<CurrentUserResponse>(HttpStatusCode.OK);
        await client.GetAntiforgeryAsync();
        return user;
    }

    public static async Task<CurrentUserResponse> ChangePasswordAsync(this HttpClient client, string currentPassword, string newPassword)
    {
        using var response = await client.PostJsonAsync("/api/auth/change-password", new ChangePasswordRequest(currentPassword, newPassword));
        var user = await response.ReadAsync<CurrentUserResponse>(HttpStatusCode.OK);
        await client.GetAntiforgeryAsync();
        return user;
    }

    public static async Task<UserResponse> CreateUserAsync(this HttpClient admin, string displayName, string email, UserRole role, string? password = null)
    {
        using var response = await admin.PostJsonAsync("/api/users", new CreateUserRequest(displayName, email, role, password));
        return await response.ReadAsync<UserResponse>(HttpStatusCode.Created);
    }

    public static async Task<PairingResponse> StartPairingAsync(this HttpClient admin, Guid technicianId)
    {
        using var response = await admin.PostJsonAsync("/api/pairing", new StartPairingRequest(technicianId));
        return await response.ReadAsync<PairingResponse>(HttpStatusCode.OK);
    }

    public static async Task<HttpResponseMessage> TryClaimAsync(this HttpClient device, string? code, string? qrPayload = null, string? deviceName = null)
    {
        await device.GetAntiforgeryAsync();
        return await device.PostJsonAsync("/api/pairing/claim", new ClaimPairingRequest(code, qrPayload, deviceName));
    }

    public static async Task<DeviceIdentityResponse> ClaimAsync(this HttpClient device, string code, string? deviceName = null)
    {
        using var response = await device.TryClaimAsync(code, deviceName: deviceName);
        return await response.ReadAsync<DeviceIdentityResponse>(HttpStatusCode.OK);
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) => client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PatchJsonAsync<T>(this HttpClient client, string url, T body) => client.PatchAsJsonAsync(url, body, Json);

    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await response.ReadAsync<T>(HttpStatusCode.OK);
    }

    /// Reads the body as T after checking the status; a wrong status fails with the body, which says why.
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} {expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}: {body}");
        var value = JsonSerializer.Deserialize<T>(body, Json);
        Assert.NotNull(value);
        return value;
    }

    public static async Task<Problem> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.ReadAsync<Problem>(expected);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal((int)expected, problem.Status);
        return problem;
    }

    /// The Set-Cookie header that sets the named cookie.
    public static string SetCookie(this HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var values), "The response sets no cookie.");
        var cookie = values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal));
        Assert.True(cookie is not null, $"No Set-Cookie for {name}; got: {string.Join(" || ", values)}");
        return cookie;
    }
}

/// RFC 9457 problem details as the server writes them (ValidationProblem adds errors; all carry traceId).
public sealed record Problem(string? Type, string? Title, int? Status, string? Detail, string? TraceId, Dictionary<string, string[]>? Errors);
