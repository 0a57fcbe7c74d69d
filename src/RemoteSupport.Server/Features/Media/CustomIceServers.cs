using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Organizations;
using RemoteSupport.Server.Features.Organizations;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Features.Media;

/// An organisation's own TURN/STUN servers (PRODUCT.md feature 11). The list holds TURN credentials, so it is stored
/// encrypted with Data Protection and its credentials are never returned by the API or written to the audit log.
internal static class CustomIceServers
{
    public const string Purpose = "RemoteSupport.Media.CustomIceServers";
    public const int MaxServers = 10;
    public const int MaxUrls = 10;
    public const int MaxUrlLength = 512;
    public const int MaxUsernameLength = 256;
    public const int MaxCredentialLength = 256;

    private const string Field = "CustomIceServers";
    private static readonly string[] Schemes = ["stun:", "turn:", "turns:"];

    public static string Protect(IDataProtectionProvider provider, IceServer[] servers) =>
        provider.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(servers));

    /// Throws CryptographicException when the data protection keys are gone.
    public static IceServer[] Unprotect(IDataProtectionProvider provider, string protectedServers) =>
        JsonSerializer.Deserialize<IceServer[]>(provider.CreateProtector(Purpose).Unprotect(protectedServers)) ?? [];

    /// The stored list as the API shows it: credentials replaced by whether there is one.
    public static CustomIceServerResponse[]? Describe(IDataProtectionProvider provider, Organization organization) =>
        organization.CustomIceServersProtected is null
            ? null
            : [.. Stored(provider, organization).Select(s => new CustomIceServerResponse(s.Urls, s.Username, s.Credential is not null))];

    /// Checks a settings request; the returned update is applied only when no field of the request has errors.
    public static CustomIceServersUpdate Check(IDataProtectionProvider provider, Organization organization, bool? use, IceServer?[]? servers, ValidationErrors errors)
    {
        var stored = Stored(provider, organization);
        var list = servers is null ? null : Validate(servers, stored, errors);
        if ((use == true || servers is not null) && (use ?? organization.UseCustomIceServers) && (list ?? stored).Length == 0)
        {
            errors.Add(Field, "Add at least one server to use your own TURN/STUN servers.");
        }

        return new CustomIceServersUpdate(use ?? organization.UseCustomIceServers, list, stored);
    }

    /// Applies a checked update and describes it for the audit log (counts and on/off only, never URLs' credentials).
    public static void Apply(IDataProtectionProvider provider, Organization organization, CustomIceServersUpdate update, List<string> changes)
    {
        if (update.Servers is { } servers && JsonSerializer.Serialize(servers) != JsonSerializer.Serialize(update.Stored))
        {
            organization.CustomIceServersProtected = servers.Length == 0 ? null : Protect(provider, servers);
            changes.Add($"custom TURN/STUN servers replaced ({servers.Length} server{(servers.Length == 1 ? "" : "s")})");
        }

        if (update.Use != organization.UseCustomIceServers)
        {
            organization.UseCustomIceServers = update.Use;
            changes.Add(update.Use ? "custom TURN/STUN servers on" : "custom TURN/STUN servers off");
        }
    }

    /// Validates every entry, reporting every problem; an entry sent back without its credential (as the API shows it)
    /// keeps the stored one when its URLs and username are unchanged.
    public static IceServer[] Validate(IceServer?[] servers, IceServer[] stored, ValidationErrors errors)
    {
        if (servers.Length > MaxServers)
        {
            errors.Add(Field, $"Use at most {MaxServers} servers.");
        }

        var result = new List<IceServer>();
        for (var i = 0; i < servers.Length; i++)
        {
            var field = $"{Field}[{i}]";
            if (servers[i] is not { } server)
            {
                errors.Add(field, "Remove the empty entry.");
                continue;
            }

            var urls = (server.Urls ?? []).Select(u => u?.Trim() ?? "").ToArray();
            CheckUrls($"{field}.Urls", urls, errors);
            var needsCredential = urls.Any(u => !u.StartsWith("stun:", StringComparison.OrdinalIgnoreCase));
            if (!needsCredential)
            {
                // STUN needs no credential; do not keep secrets nobody uses.
                result.Add(new IceServer(urls, null, null));
                continue;
            }

            var username = server.Username?.Trim();
            if (string.IsNullOrEmpty(username))
            {
                errors.Add($"{field}.Username", "Enter the TURN user name.");
            }
            else if (username.Length > MaxUsernameLength || username.Any(char.IsControl))
            {
                errors.Add($"{field}.Username", $"Use at most {MaxUsernameLength} characters, without control characters.");
            }

            var credential = string.IsNullOrEmpty(server.Credential)
                ? stored.FirstOrDefault(s => s.Credential is not null && s.Username == username && s.Urls.SequenceEqual(urls, StringComparer.Ordinal))?.Credential
                : server.Credential;
            if (credential is null)
            {
                errors.Add($"{field}.Credential", "Enter the TURN password.");
            }
            else if (credential.Length > MaxCredentialLength || credential.Any(char.IsControl))
            {
                errors.Add($"{field}.Credential", $"Use at most {MaxCredentialLength} characters, without control characters.");
            }

            result.Add(new IceServer(urls, username, credential));
        }

        return [.. result];
    }

    private static void CheckUrls(string field, string[] urls, ValidationErrors errors)
    {
        if (urls.Length == 0)
        {
            errors.Add(field, "Add at least one URL.");
        }
        else if (urls.Length > MaxUrls)
        {
            errors.Add(field, $"Use at most {MaxUrls} URLs per server.");
        }

        for (var j = 0; j < urls.Length; j++)
        {
            var url = urls[j];
            if (!Schemes.Any(s => url.StartsWith(s, StringComparison.OrdinalIgnoreCase) && url.Length > s.Length))
            {
                errors.Add(field, $"URL {j + 1}: start with stun:, turn: or turns: followed by the host, like turn:turn.example.com:3478.");
            }
            else if (url.Length > MaxUrlLength)
            {
                errors.Add(field, $"URL {j + 1}: use at most {MaxUrlLength} characters.");
            }
            else if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                errors.Add(field, $"URL {j + 1}: remove spaces and control characters.");
            }
        }
    }

    private static IceServer[] Stored(IDataProtectionProvider provider, Organization organization)
    {
        if (organization.CustomIceServersProtected is null)
        {
            return [];
        }

        try
        {
            return Unprotect(provider, organization.CustomIceServersProtected);
        }
        catch (CryptographicException)
        {
            // Keys lost: the admin sees an empty list and enters the servers again.
            return [];
        }
    }
}

/// A checked change: Servers is null when the request left the list as it was.
internal sealed record CustomIceServersUpdate(bool Use, IceServer[]? Servers, IceServer[] Stored);
