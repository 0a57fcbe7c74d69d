using System.Buffers;
using Microsoft.Net.Http.Headers;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Server.Features.SessionFiles;

/// The byte range a GET asks for: the whole file, one satisfiable range (206), or none that fits (416).
public readonly record struct ByteRange(long Start, long Length, bool Partial, bool Unsatisfiable)
{
    /// Only single ranges are served as 206; several ranges are answered with the whole file, as RFC 9110 allows.
    public static ByteRange From(HttpRequest request, long total, string etag)
    {
        var whole = new ByteRange(0, total, false, false);
        var header = request.Headers.Range.ToString();
        if (string.IsNullOrEmpty(header) || !RangeHeaderValue.TryParse(header, out var range)
            || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count != 1)
        {
            return whole;
        }

        // If-Range with another validator means the client's copy is stale: send everything.
        var ifRange = request.Headers.IfRange.ToString();
        if (ifRange.Length > 0 && ifRange != etag)
        {
            return whole;
        }

        var item = range.Ranges.First();
        if (item.From is null)
        {
            var suffix = Math.Min(item.To ?? 0, total);
            return suffix <= 0 ? new ByteRange(0, 0, false, true) : new ByteRange(total - suffix, suffix, true, false);
        }

        if (item.From >= total)
        {
            return new ByteRange(0, 0, false, true);
        }

        var end = Math.Min(item.To ?? (total - 1), total - 1);
        return new ByteRange(item.From.Value, end - item.From.Value + 1, true, false);
    }
}

/// Streams a stored file (decrypted on the fly from the blob store, starting at the range's offset) with its type, an
/// inline Content-Disposition carrying the display name, its SHA-256 as ETag, and range support for PDF and video seeking.
internal sealed class BlobContentResult(SessionFile file, Stream content, ByteRange range, ILogger logger) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        await using var _ = content;
        var response = context.Response;
        response.StatusCode = range.Partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        response.ContentType = file.ContentType;
        response.ContentLength = range.Length;
        if (range.Partial)
        {
            response.Headers.ContentRange = new ContentRangeHeaderValue(range.Start, range.Start + range.Length - 1, file.Length).ToString();
        }

        SetCommonHeaders(response, file);
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
            SessionFilesLog.IntegrityFailure(logger, e, file.Id, file.BlobId, file.OrganizationId);
            context.Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void SetCommonHeaders(HttpResponse response, SessionFile file)
    {
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(file.DisplayName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.ETag = ETag(file);
        response.Headers.AcceptRanges = "bytes";
    }

    public static string ETag(SessionFile file) => $"\"{file.Sha256}\"";
}
