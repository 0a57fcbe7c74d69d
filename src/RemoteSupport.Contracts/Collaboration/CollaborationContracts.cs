using RemoteSupport.Contracts.SessionFiles;

namespace RemoteSupport.Contracts.Collaboration;

/// <summary>The expert points at the technician's video. X and Y are in [0, 1] of the video frame itself
/// (0,0 top left; letterboxing removed), so the glasses can draw the dot at the same place of their camera picture.</summary>
public sealed record PointerMove(Guid CallId, double X, double Y);

/// <summary>Where an expert points, as the technician's app receives it. Each expert of a call has a colour of their own.</summary>
public sealed record PointerPosition(Guid CallId, Guid ExpertId, string Color, double X, double Y);

/// <summary>SendChat: a text message to everyone in the call. Trimmed; 1 to 1000 characters; no control characters except new lines. Never interpreted as markup.</summary>
public sealed record SendChatRequest(Guid CallId, string? Text);

/// <summary>A chat message of a call, kept with the session.</summary>
public sealed record ChatMessageInfo(Guid Id, Guid CallId, Guid SenderId, string SenderName, string Text, DateTimeOffset SentAt);

/// <summary>AnnounceFile / FileShared: a participant uploaded an image of the call (POST /api/calls/{callId}/files); the others
/// hear of it. The server checks that the file is one of this call's.</summary>
public sealed record FileAnnouncement(Guid CallId, Guid FileId, SessionFileKind Kind);

/// <summary>ShowOnGlasses / ShowImage: an image of the call for the technician's display, full screen until dismissed.</summary>
public sealed record ShowImage(Guid CallId, Guid FileId);

/// <summary>ShowDocument: a file of the call (PDF, image or video) for the technician's display, full screen until dismissed
/// (DismissShown). Experts only; the server checks that the file is one of this call's.</summary>
public sealed record ShowDocument(Guid CallId, Guid FileId);

/// <summary>DocumentShown: what the technician's display opens (sent to the technician's connection). The content is read from
/// /api/files/{FileId}/content.</summary>
public sealed record DocumentShown(Guid CallId, Guid FileId, string ContentType, string DisplayName);

/// <summary>TurnPage / ReportPage / PageTurned: a page of the PDF shown on the glasses, from 1. The expert turns the page
/// (TurnPage: PageCount null); the glasses report the page they show and the document's page count (ReportPage), which the
/// experts receive so they can show "Page 2 of 5".</summary>
public sealed record PageCommand(Guid CallId, int Page, int? PageCount);
