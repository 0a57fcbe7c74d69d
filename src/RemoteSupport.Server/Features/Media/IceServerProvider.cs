using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Https;

namespace RemoteSupport.Server.Features.Media;

/// The ICE servers of one call participant: the organisation's own servers when it uses them, else ours with a
/// fresh TURN credential (valid Media:CredentialLifetime, at most 1 hour).
public sealed class IceServerProvider(AppDbContext db, IOptions<MediaOptions> options, ServerOptions server, TurnSecret secret,
    TurnserverBinary binary, IDataProtectionProvider dataProtection, TimeProvider time, ILogger<IceServerProvider> logger)
{
    public async Task<IceServer[]> GetAsync(Guid organizationId, Guid userId, CancellationToken cancellationToken)
    {
        var custom = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => new { o.UseCustomIceServers, o.CustomIceServersProtected })
            .FirstOrDefaultAsync(cancellationToken);
        if (custom is { UseCustomIceServers: true, CustomIceServersProtected: { } protectedList })
        {
            try
            {
                return CustomIceServers.Unprotect(dataProtection, protectedList);
            }
            catch (CryptographicException e)
            {
                // Falling back to our servers would send media where the organisation said it must not go.
                MediaLog.CustomIceServersUnreadable(logger, e, organizationId);
                return [];
            }
        }

        var media = options.Value;
        var managedAvailable = media.TurnMode != TurnMode.Managed || binary.Path is not null;
        return Build(media, ResolvePublicHost(media, server), managedAvailable ? secret.Value : null, userId, time.GetUtcNow());
    }

    /// Our list: STUN + TURN (UDP, TCP, TLS) with a REST credential, then any extra STUN URLs. No secret (None, or
    /// Managed without coturn installed) gives host candidates only.
    internal static IceServer[] Build(MediaOptions options, string host, string? secret, Guid userId, DateTimeOffset now)
    {
        var servers = new List<IceServer>();
        if (options.TurnMode != TurnMode.None && secret is not null)
        {
            string[] stun, turn;
            if (options.TurnMode == TurnMode.External && options.ExternalTurnUrls.Length > 0)
            {
                stun = [.. options.ExternalTurnUrls.Where(u => u.StartsWith("stun:", StringComparison.OrdinalIgnoreCase))];
                turn = [.. options.ExternalTurnUrls.Where(u => !u.StartsWith("stun:", StringComparison.OrdinalIgnoreCase))];
            }
            else
            {
                var h = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
                var port = options.TurnPort.ToString(CultureInfo.InvariantCulture);
                var tlsPort = options.TurnTlsPort.ToString(CultureInfo.InvariantCulture);
                stun = [$"stun:{h}:{port}"];
                turn = [$"turn:{h}:{port}?transport=udp", $"turn:{h}:{port}?transport=tcp", $"turns:{h}:{tlsPort}?transport=tcp"];
            }

            if (stun.Length > 0)
            {
                servers.Add(new IceServer(stun, null, null));
            }

            if (turn.Length > 0)
            {
                var credential = TurnCredentials.Create(secret, userId.ToString("D"), now + options.CredentialLifetime);
                servers.Add(new IceServer(turn, credential.Username, credential.Password));
            }
        }

        if (options.StunUrls.Length > 0)
        {
            servers.Add(new IceServer([.. options.StunUrls], null, null));
        }

        return [.. servers];
    }

    /// Media:PublicHost, else Server:ListenAddress when it is a specific address, else this machine's host name.
    internal static string ResolvePublicHost(MediaOptions options, ServerOptions server)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicHost))
        {
            return options.PublicHost.Trim();
        }

        if (IPAddress.TryParse(server.ListenAddress, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            return address.ToString();
        }

        return Dns.GetHostName();
    }
}
