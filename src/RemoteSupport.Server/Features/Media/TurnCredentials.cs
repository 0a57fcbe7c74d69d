using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RemoteSupport.Server.Features.Media;

/// A TURN REST API credential (coturn use-auth-secret): the server checks it with the shared secret alone, no database.
internal readonly record struct TurnCredential(string Username, string Password, DateTimeOffset ExpiresAt);

internal static class TurnCredentials
{
    /// username = "{unix expiry}:{user id}", password = Base64(HMAC-SHA1(secret, username)).
    public static TurnCredential Create(string secret, string userId, DateTimeOffset expiresAt)
    {
        var username = string.Create(CultureInfo.InvariantCulture, $"{expiresAt.ToUnixTimeSeconds()}:{userId}");
#pragma warning disable CA5350 // HMAC-SHA1 is what the TURN REST API scheme (and coturn) uses; it is not used as a plain hash.
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username));
#pragma warning restore CA5350
        return new TurnCredential(username, Convert.ToBase64String(mac), expiresAt);
    }
}
