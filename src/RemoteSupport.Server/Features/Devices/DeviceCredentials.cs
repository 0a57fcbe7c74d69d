using System.Security.Cryptography;
using System.Text;

namespace RemoteSupport.Server.Features.Devices;

/// Device credentials and pairing secrets: random values handed out once, stored only as SHA-256.
internal static class DeviceCredentials
{
    public const string CookieName = "__Host-rs-device";
    public const string QrPrefix = "RSPAIR1:";

    public static string NewCredential() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewQrSecret() => QrPrefix + Base64Url(RandomNumberGenerator.GetBytes(24));

    public static string NewSixDigitCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static void SetCookie(HttpContext context, string credential, DateTimeOffset now) =>
        context.Response.Cookies.Append(CookieName, credential, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            // Browsers cap cookies at 400 days; the server-side idle lifetime decides expiry.
            Expires = now.AddDays(400),
            IsEssential = true,
        });
}
