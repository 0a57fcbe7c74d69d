namespace RemoteSupport.Contracts.SessionFiles;

/// <summary>What a stored file is for.</summary>
public enum SessionFileKind
{
    /// <summary>A still the technician's device captured during a call.</summary>
    Snapshot = 0,

    /// <summary>An image the expert annotated (crop, pen, arrow, text), saved as a new image; SourceFileId names the original.</summary>
    AnnotatedImage = 1,

    /// <summary>Any other photo taken or shared during a call.</summary>
    Photo = 2,

    /// <summary>A PDF, image or video: shared in a call, or kept in the organisation's library (CallId null).</summary>
    Document = 3,
}

/// <summary>A stored image, document or video. Its content is read only through ContentUrl (and ThumbnailUrl for images),
/// which check who asks; the stored image never carries the EXIF/GPS data of the upload.</summary>
/// <param name="Id">The file's id.</param>
/// <param name="CallId">The call it belongs to; null for a library document.</param>
/// <param name="Kind">What it is for.</param>
/// <param name="ContentType">Decided from the content: image/jpeg, image/png, image/webp, application/pdf, video/mp4 or video/webm.</param>
/// <param name="DisplayName">The uploaded file name without any path or control characters, at most 200 characters, ending in an
/// extension that matches the content. For display only.</param>
/// <param name="Length">Size in bytes of the stored content.</param>
/// <param name="Sha256">SHA-256 of the stored content, lowercase hex; also the ETag of ContentUrl.</param>
/// <param name="Width">Pixel width of an image (orientation applied); null for other files.</param>
/// <param name="Height">Pixel height of an image (orientation applied); null for other files.</param>
/// <param name="SourceFileId">The original of an annotated image, or the library document a call document was copied from.</param>
/// <param name="CreatedById">Who uploaded it.</param>
/// <param name="CreatedByName">Their display name at that time.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="ContentUrl">GET: the content (supports single HTTP ranges, for PDF and video seeking).</param>
/// <param name="ThumbnailUrl">GET: a JPEG of at most 320 pixels a side; null when the file is not an image.</param>
public sealed record SessionFileInfo(
    Guid Id,
    Guid? CallId,
    SessionFileKind Kind,
    string ContentType,
    string DisplayName,
    long Length,
    string Sha256,
    int? Width,
    int? Height,
    Guid? SourceFileId,
    Guid CreatedById,
    string CreatedByName,
    DateTimeOffset CreatedAt,
    string ContentUrl,
    string? ThumbnailUrl);

/// <summary>GET /api/files/limits: what uploads accept, so a client can check before sending.</summary>
/// <param name="MaxBytes">Largest file accepted, in bytes.</param>
/// <param name="MaxImagePixels">Largest image accepted, in pixels (width × height).</param>
/// <param name="AcceptedContentTypes">The content types accepted (decided from the content, not the name).</param>
/// <param name="Accepted">The same, as a sentence to show.</param>
public sealed record SessionFileLimits(long MaxBytes, long MaxImagePixels, string[] AcceptedContentTypes, string Accepted);
