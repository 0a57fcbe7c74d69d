namespace RemoteSupport.Server.Features.Sfu;

/// Never log Janus secrets, the admin key, room pins or SDP bodies.
internal static partial class SfuLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Janus ({Binary}) was not found, so calls stay peer to peer: ROUTED mode, more than two participants and recording are unavailable. Install the Debian package janus, set Janus:BinaryPath, or set Janus:Mode to External or Off.")]
    public static partial void JanusMissing(ILogger logger, string binary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Janus: starting with its WebSocket API on 127.0.0.1:{Port}, media ports {RtpPortRange}.")]
    public static partial void JanusStarting(ILogger logger, int port, string rtpPortRange);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Janus: stopped a Janus (pid {ProcessId}) left running by an earlier run of this server.")]
    public static partial void LeftoverStopped(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Janus node {Node} connected.")]
    public static partial void NodeConnected(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Janus node {Node}: connection lost; reconnecting.")]
    public static partial void NodeLost(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Janus node {Node} is unreachable ({Reason}); retrying.")]
    public static partial void NodeUnreachable(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: media room opened on Janus node {Node}.")]
    public static partial void RoomOpened(ILogger logger, Guid callId, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: media room closed.")]
    public static partial void RoomClosed(ILogger logger, Guid callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the media server was lost; participants reconnect.")]
    public static partial void RoomLost(ILogger logger, Guid callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: media request failed: {Reason}")]
    public static partial void MediaRequestFailed(ILogger logger, Guid callId, string reason);
}
