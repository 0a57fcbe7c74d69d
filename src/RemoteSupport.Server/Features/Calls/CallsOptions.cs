namespace RemoteSupport.Server.Features.Calls;

/// <summary>Section "Calls".</summary>
public sealed class CallsOptions
{
    public const string SectionName = "Calls";

    /// <summary>Ringing without an answer for this long is a missed call. Default 45 s.</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How long a call waits for a participant whose connection dropped (or for everyone after a server restart) before it ends as "connection lost". Default 60 s.</summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest signalling payload (SDP or candidate) in characters. Default 32,000.</summary>
    public int MaxSignalPayload { get; set; } = 32_000;
}
