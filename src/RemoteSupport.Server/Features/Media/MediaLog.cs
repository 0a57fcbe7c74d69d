namespace RemoteSupport.Server.Features.Media;

/// Never log the TURN secret, credentials, the generated coturn config or custom ICE server entries.
internal static partial class MediaLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "TURN: coturn ({Binary}) was not found, so calls get no STUN/TURN servers and connect over host candidates only (same network). Install the Debian package coturn, set Media:TurnserverPath, or set Media:TurnMode to External or None.")]
    public static partial void TurnserverMissing(ILogger logger, string binary);

    [LoggerMessage(Level = LogLevel.Information, Message = "TURN: starting coturn on port {Port} and TLS port {TlsPort}, relay ports {RelayMinPort}-{RelayMaxPort}.")]
    public static partial void TurnserverStarting(ILogger logger, int port, int tlsPort, int relayMinPort, int relayMaxPort);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TURN: the TLS certificate {CertificatePath} or its key is missing; coturn will serve TURN over TLS only once they exist.")]
    public static partial void CertificateMissing(ILogger logger, string certificatePath);

    [LoggerMessage(Level = LogLevel.Error, Message = "ICE: the custom ICE servers of organisation {OrganizationId} cannot be decrypted (data protection keys lost?); the call gets host candidates only. An admin must enter them again.")]
    public static partial void CustomIceServersUnreadable(ILogger logger, Exception exception, Guid organizationId);
}
