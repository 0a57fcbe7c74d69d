namespace RemoteSupport.Server.Features.Media;

/// Never log the TURN secret, credentials, the generated coturn config or custom ICE server entries.
internal static partial class MediaLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "TURN: coturn ({Binary}) was not found, so calls get no STUN/TURN servers and connect over host candidates only (same network). Install the Debian package coturn, set Media:TurnserverPath, or set Media:TurnMode to External or None.")]
    public static partial void TurnserverMissing(ILogger logger, string binary);

    [LoggerMessage(Level = LogLevel.Information, Message = "TURN: coturn started (pid {ProcessId}) on port {Port} and TLS port {TlsPort}, relay ports {RelayMinPort}-{RelayMaxPort}.")]
    public static partial void TurnserverStarted(ILogger logger, int processId, int port, int tlsPort, int relayMinPort, int relayMaxPort);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TURN: coturn exited with code {ExitCode}; restarting in {Delay}.")]
    public static partial void TurnserverExited(ILogger logger, int exitCode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "TURN: coturn could not be started; retrying in {Delay}.")]
    public static partial void TurnserverStartFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TURN: coturn did not stop within {Timeout} of SIGTERM and was killed.")]
    public static partial void TurnserverKilled(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "TURN: coturn stopped.")]
    public static partial void TurnserverStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "coturn: {Line}")]
    public static partial void TurnserverOutput(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TURN: the TLS certificate {CertificatePath} or its key is missing; coturn will serve TURN over TLS only once they exist.")]
    public static partial void CertificateMissing(ILogger logger, string certificatePath);

    [LoggerMessage(Level = LogLevel.Error, Message = "ICE: the custom ICE servers of organisation {OrganizationId} cannot be decrypted (data protection keys lost?); the call gets host candidates only. An admin must enter them again.")]
    public static partial void CustomIceServersUnreadable(ILogger logger, Exception exception, Guid organizationId);
}
