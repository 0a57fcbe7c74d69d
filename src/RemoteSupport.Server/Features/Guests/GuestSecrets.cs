using System.Security.Cryptography;
using System.Text;

namespace RemoteSupport.Server.Features.Guests;

/// Invitation tokens and guest session secrets: 32 random bytes, base64url, handed out once, stored only as SHA-256.
internal static class GuestSecrets
{
    public const string CookieName = "__Host-rs-guest";

    /// 32 bytes in base64url without padding.
    public const int TokenLength = 43;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public static bool LooksLikeToken(string value) =>
        value.Length == TokenLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static void SetCookie(HttpContext context, string secret, DateTimeOffset expires) =>
        context.Response.Cookies.Append(CookieName, secret, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = expires,
            IsEssential = true,
        });
}
