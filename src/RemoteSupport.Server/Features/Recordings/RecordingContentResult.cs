using System.Buffers;
using System.Globalization;
using Microsoft.Net.Http.Headers;
using RemoteSupport.Server.Features.SessionFiles;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Server.Features.Recordings;

/// One stored file of a recording: the main WebM or the webcam WebM.
internal sealed record RecordingFile(Recording Recording, BlobId BlobId, long Length, string Sha256, string FileName);

/// Streams a recording file decrypted on the fly from the blob store from the range's offset, as video/webm with its SHA-256
/// as ETag, inline (player) or as an attachment (?download=1).
internal sealed class RecordingContentResult(RecordingFile file, Stream content, ByteRange range, bool download, ILogger logger) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        await using var _ = content;
        var response = context.Response;
        response.StatusCode = range.Partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        response.ContentType = RecordingProcessor.ContentType;
        response.ContentLength = range.Length;
        if (range.Partial)
        {
            response.Headers.ContentRange = new ContentRangeHeaderValue(range.Start, range.Start + range.Length - 1, file.Length).ToString();
        }

        SetCommonHeaders(response, file, download);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var remaining = range.Length;
            while (remaining > 0)
            {
                var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), context.RequestAborted);
                if (read == 0)
                {
                    throw new BlobIntegrityException("The object ended before its recorded length.");
                }

                await response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                remaining -= read;
            }
        }
        catch (BlobIntegrityException e)
        {
            // The status line is gone already: cut the response so the client cannot take it for complete.
            RecordingsLog.IntegrityFailure(logger, e, file.Recording.Id, file.BlobId, file.Recording.OrganizationId);
            context.Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void SetCommonHeaders(HttpResponse response, RecordingFile file, bool download)
    {
        var disposition = new ContentDispositionHeaderValue(download ? "attachment" : "inline");
        disposition.SetHttpFileName(file.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.ETag = ETag(file);
        response.Headers.AcceptRanges = "bytes";
    }

    public static string ETag(RecordingFile file) => $"\"{file.Sha256}\"";

    /// "recording 2026-12-04 22-53.webm" (UTC), "… webcam.webm".
    public static string FileName(Recording recording, bool webcam) =>
        "recording " + recording.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH-mm", CultureInfo.InvariantCulture) + (webcam ? " webcam" : string.Empty) + ".webm";
}
