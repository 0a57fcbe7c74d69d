using Amazon.S3.Model;

namespace RemoteSupport.Server.Features.Storage.S3;

/// Seekable read-only view of an S3 object, so DecryptingStream can jump to the segment holding a range's start: the
/// already fetched prefix (the format header) is served from memory, everything else through a ranged GET from the
/// current position, at most <see cref="Window"/> bytes per request. A seek drops that GET and the next read starts a new one
/// at the new position: seeking in a video downloads about what is played (plus up to one window), never the whole object.
internal sealed class S3RangeStream(S3BucketClient bucket, string key, byte[] prefix, long length, string? eTag) : Stream
{
    /// Bytes asked for per GET: large enough that request overhead stays small next to the transfer, small enough that a
    /// seek wastes little.
    public const int Window = 4 * 1024 * 1024;

    private GetObjectResponse? _response;
    private long _responsePosition;
    private long _responseEnd;
    private long _position;
    private bool _disposed;

    /// GET requests made so far (for tests that check a range read does not fetch the whole object).
    public int Requests { get; private set; }

    /// Ciphertext bytes received through GET requests after the prefix.
    public long BytesReceived { get; private set; }

    /// Ciphertext bytes asked for by GET requests after the prefix (what may have crossed the network).
    public long BytesRequested { get; private set; }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || _position >= length)
        {
            return 0;
        }

        if (_position < prefix.Length)
        {
            return TakePrefix(buffer.Span);
        }

        if (_response is null || _responsePosition != _position || _responsePosition == _responseEnd)
        {
            await OpenAsync(cancellationToken);
        }

        var read = await _response!.ResponseStream.ReadAsync(Limit(buffer), cancellationToken);
        Advance(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || _position >= length)
        {
            return 0;
        }

        if (_position < prefix.Length)
        {
            return TakePrefix(buffer);
        }

        if (_response is null || _responsePosition != _position || _responsePosition == _responseEnd)
        {
            // The SDK has no synchronous GET. Synchronous reads exist only to honour the Stream contract (ASP.NET Core reads
            // asynchronously; Kestrel forbids synchronous I/O), so blocking here once per GET is the lesser evil.
            OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        var read = _response!.ResponseStream.Read(buffer[..(int)Math.Min(buffer.Length, _responseEnd - _responsePosition)]);
        Advance(read);
        return read;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            Close(ref _response);
        }

        base.Dispose(disposing);
    }

    private int TakePrefix(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, prefix.Length - _position);
        prefix.AsSpan((int)_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    private Memory<byte> Limit(Memory<byte> buffer) => buffer[..(int)Math.Min(buffer.Length, _responseEnd - _responsePosition)];

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        Close(ref _response);
        Requests++;
        var end = Math.Min(length, _position + Window);
        _response = await bucket.ReadRangeAsync(key, _position, end, eTag, cancellationToken);
        _responsePosition = _position;
        _responseEnd = end;
        BytesRequested += end - _position;
    }

    private void Advance(int read)
    {
        if (read == 0)
        {
            // The object ended before its announced length (it changed under us): report the end, which the decrypting
            // stream rejects as truncation, and never read this response again.
            Close(ref _response);
            return;
        }

        _position += read;
        _responsePosition += read;
        BytesReceived += read;
    }

    private static void Close(ref GetObjectResponse? response)
    {
        // Disposing an unfinished response aborts its connection, which is what stops the rest of the range from coming.
        response?.Dispose();
        response = null;
    }
}
