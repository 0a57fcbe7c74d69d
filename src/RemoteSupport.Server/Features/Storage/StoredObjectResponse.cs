using System.Buffers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace RemoteSupport.Server.Features.Storage;

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

/// A stored object as its HTTP answer describes it: the file name goes into Content-Disposition (inline for players and
/// viewers, attachment for downloads), the SHA-256 of the plaintext is the ETag.
public sealed record StoredObject(Guid OrganizationId, BlobId BlobId, long Length, string Sha256, string ContentType, string FileName, bool Attachment)
{
    public string ETag => $"\"{Sha256}\"";

    public void SetHeaders(HttpResponse response)
    {
        var disposition = new ContentDispositionHeaderValue(Attachment ? "attachment" : "inline");
        disposition.SetHttpFileName(FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.ETag = ETag;
        response.Headers.AcceptRanges = "bytes";
    }
}

/// GET of a stored object, decrypted on the fly: 416 for a range that does not fit, 304 when the client has it, else the
/// asked range (206) or the whole object (200). A missing or corrupt object is reported (null: missing) and answered 404;
/// one that turns out corrupt while streaming cuts the response.
public static class StoredObjectResponse
{
    public static async Task<Results<StoredObjectResult, StatusCodeHttpResult, NotFound>> AnswerAsync(
        HttpContext context, IBlobStore blobs, StoredObject stored, Func<ByteRange, Task> onOpened, Action<BlobIntegrityException?> onUnreadable,
        CancellationToken cancellationToken)
    {
        var range = ByteRange.From(context.Request, stored.Length, stored.ETag);
        if (range.Unsatisfiable)
        {
            context.Response.Headers.ContentRange = $"bytes */{stored.Length}";
            stored.SetHeaders(context.Response);
            return TypedResults.StatusCode(StatusCodes.Status416RangeNotSatisfiable);
        }

        if (context.Request.Headers.IfNoneMatch.ToString() == stored.ETag)
        {
            stored.SetHeaders(context.Response);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        Stream? content;
        try
        {
            content = await blobs.OpenReadAsync(stored.OrganizationId, stored.BlobId, range.Start, cancellationToken);
        }
        catch (BlobIntegrityException e)
        {
            onUnreadable(e);
            return TypedResults.NotFound();
        }

        if (content is null)
        {
            onUnreadable(null);
            return TypedResults.NotFound();
        }

        await onOpened(range);
        return new StoredObjectResult(stored, content, range, onUnreadable);
    }
}

/// Streams the range of a stored object that StoredObjectResponse opened.
public sealed class StoredObjectResult(StoredObject stored, Stream content, ByteRange range, Action<BlobIntegrityException?> onUnreadable) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var _ = content;
        var response = httpContext.Response;
        response.StatusCode = range.Partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        response.ContentType = stored.ContentType;
        response.ContentLength = range.Length;
        if (range.Partial)
        {
            response.Headers.ContentRange = new ContentRangeHeaderValue(range.Start, range.Start + range.Length - 1, stored.Length).ToString();
        }

        stored.SetHeaders(response);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var remaining = range.Length;
            while (remaining > 0)
            {
                var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), httpContext.RequestAborted);
                if (read == 0)
                {
                    throw new BlobIntegrityException("The object ended before its recorded length.");
                }

                await response.Body.WriteAsync(buffer.AsMemory(0, read), httpContext.RequestAborted);
                remaining -= read;
            }
        }
        catch (BlobIntegrityException e)
        {
            // The status line is gone already: cut the response so the client cannot take it for complete.
            onUnreadable(e);
            httpContext.Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
