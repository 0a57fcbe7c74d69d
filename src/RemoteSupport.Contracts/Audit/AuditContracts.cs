namespace RemoteSupport.Contracts.Audit;

/// <summary>One audit log line: who did what to what, when and from where. Never contains secrets.</summary>
public sealed record AuditEventResponse(
    Guid Id,
    DateTimeOffset At,
    string Action,
    Guid? ActorUserId,
    string? ActorName,
    string? Target,
    string? Details,
    string? IpAddress);
