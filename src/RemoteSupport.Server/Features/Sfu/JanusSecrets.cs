using System.Security.Cryptography;

namespace RemoteSupport.Server.Features.Sfu;

/// The managed Janus's secrets: fresh for every run of this server and known only to it and to Janus (the config file
/// is 0600), so nothing else on the machine can drive the media server.
public sealed class JanusSecrets
{
    public string ApiSecret { get; } = New();

    public string AdminSecret { get; } = New();

    public string AdminKey { get; } = New();

    private static string New() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
