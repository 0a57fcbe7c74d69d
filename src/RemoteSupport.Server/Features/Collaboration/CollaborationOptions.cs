namespace RemoteSupport.Server.Features.Collaboration;

/// <summary>Section "Collaboration".</summary>
public sealed class CollaborationOptions
{
    public const string SectionName = "Collaboration";

    /// <summary>Most pointer moves relayed per second and connection; extra moves are merged, the latest wins. Default 30.</summary>
    public int PointerMovesPerSecond { get; set; } = 30;
}
