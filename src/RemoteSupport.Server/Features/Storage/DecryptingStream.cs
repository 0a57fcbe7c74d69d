using System.Buffers;

namespace RemoteSupport.Server.Features.Storage;

/// Read-only plaintext view of an encrypted object (BlobFormat). Decrypts one segment at a time into a reused buffer and
/// returns only bytes of a segment that has authenticated; a failure throws BlobIntegrityException. Seekable when the
/// ciphertext stream is: a seek moves to the segment holding the position (range requests read only what they need).
internal sealed class DecryptingStream : Stream
{
    private readonly Stream _inner;
    private readonly BlobFormat.SegmentCipher _cipher;
    private readonly int _segmentSize;
    private readonly int _sealedSize;
    private readonly long _segmentsStart;
    private readonly Action<BlobIntegrityException>? _onFailure;

    // Sealed segment plus one byte of look-ahead: a segment is the last one exactly when nothing follows it.
    private byte[]? _sealed;
    private byte[]? _plain;
    private int _pending;
    private int _plainOffset;
    private int _plainLength;
    private long _plainStart;
    private uint _nextIndex;
    private bool _finalRead;
    private long? _seekTo;
    private BlobIntegrityException? _failure;

    public DecryptingStream(Stream inner, BlobFormat.SegmentCipher cipher, int segmentSize, Action<BlobIntegrityException>? onFailure = null)
    {
        _onFailure = onFailure;
        _inner = inner;
        _cipher = cipher;
        _segmentSize = segmentSize;
        _sealedSize = segmentSize + BlobFormat.TagSize;
        _segmentsStart = inner.CanSeek ? inner.Position : 0;
        _sealed = ArrayPool<byte>.Shared.Rent(_sealedSize + 1);
        _plain = ArrayPool<byte>.Shared.Rent(segmentSize);
    }

    /// The ciphertext stream (tests check how much of it a range read fetched).
    internal Stream Source => _inner;

    public override bool CanRead => _sealed is not null;

    public override bool CanSeek => _sealed is not null && _inner.CanSeek;

    public override bool CanWrite => false;

    /// Plaintext length implied by the ciphertext length; reading to the end authenticates it.
    public override long Length
    {
        get
        {
            RequireSeekable();
            var ciphertext = _inner.Length - _segmentsStart;
            var segments = Math.Max(1, (ciphertext + _sealedSize - 1) / _sealedSize);
            return Math.Max(0, ciphertext - (segments * BlobFormat.TagSize));
        }
    }

    public override long Position
    {
        get => _seekTo ?? (_plainStart + _plainOffset);
        set
        {
            RequireSeekable();
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            if (value >= _plainStart && value <= _plainStart + _plainLength && (_plainLength > 0 || value == _plainStart))
            {
                _plainOffset = (int)(value - _plainStart);
                _seekTo = null;
            }
            else
            {
                _seekTo = value;
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_sealed is null, this);
        // With useAsync false every await inside completes synchronously.
        var ready = EnsurePlaintextAsync(useAsync: false, CancellationToken.None);
        if (!ready.IsCompleted)
        {
            throw new InvalidOperationException("A synchronous read did not complete synchronously.");
        }

        if (!ready.Result)
        {
            return 0;
        }

        return Take(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_sealed is null, this);
        if (!await EnsurePlaintextAsync(useAsync: true, cancellationToken))
        {
            return 0;
        }

        return Take(buffer.Span);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return Position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _sealed is not null)
        {
            ArrayPool<byte>.Shared.Return(_sealed);
            ArrayPool<byte>.Shared.Return(_plain!, clearArray: true);
            _sealed = null;
            _plain = null;
            _cipher.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_sealed is not null)
        {
            ArrayPool<byte>.Shared.Return(_sealed);
            ArrayPool<byte>.Shared.Return(_plain!, clearArray: true);
            _sealed = null;
            _plain = null;
            _cipher.Dispose();
            await _inner.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private int Take(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _plainLength - _plainOffset);
        _plain.AsSpan(_plainOffset, count).CopyTo(buffer);
        _plainOffset += count;
        return count;
    }

    /// True when decrypted bytes are ready at the current position; false at the authenticated end of the object.
    private async ValueTask<bool> EnsurePlaintextAsync(bool useAsync, CancellationToken cancellationToken)
    {
        // Once an object failed, it stays failed: no retry may go on to read past the bad segment.
        if (_failure is not null)
        {
            throw new BlobIntegrityException(_failure.Message, _failure);
        }

        if (_seekTo is { } target)
        {
            _seekTo = null;
            // The segment holding the target; a target at or past the end lands in the last segment, which is then read
            // and authenticated as the last before the stream reports its end.
            var lastIndex = Math.Max(0, ((_inner.Length - _segmentsStart + _sealedSize - 1) / _sealedSize) - 1);
            var index = Math.Min(target / _segmentSize, lastIndex);
            _inner.Position = _segmentsStart + (index * _sealedSize);
            _nextIndex = (uint)index;
            _pending = 0;
            _finalRead = false;
            _plainLength = 0;
            _plainOffset = 0;
            _plainStart = index * _segmentSize;
            await ReadSegmentAsync(useAsync, cancellationToken);
            _plainOffset = (int)Math.Min(target - _plainStart, _plainLength);
        }

        while (_plainOffset == _plainLength)
        {
            if (_finalRead)
            {
                return false;
            }

            _plainStart += _plainLength;
            await ReadSegmentAsync(useAsync, cancellationToken);
        }

        return true;
    }

    private async ValueTask ReadSegmentAsync(bool useAsync, CancellationToken cancellationToken)
    {
        var filled = _pending;
        while (filled < _sealedSize + 1)
        {
            var read = useAsync
                ? await _inner.ReadAsync(_sealed.AsMemory(filled, _sealedSize + 1 - filled), cancellationToken)
                : _inner.Read(_sealed.AsSpan(filled, _sealedSize + 1 - filled));
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        // A full segment followed by more bytes is not the last; anything else must authenticate as the last, so a stream
        // cut anywhere (even at a segment boundary, even right after the header) fails here.
        var final = filled <= _sealedSize;
        var length = final ? filled : _sealedSize;
        try
        {
            _plainLength = _cipher.Open(_nextIndex, final, _sealed.AsSpan(0, length), _plain);
        }
        catch (BlobIntegrityException e)
        {
            _failure = e;
            _plainLength = 0;
            _plainOffset = 0;
            _onFailure?.Invoke(e);
            throw;
        }

        _plainOffset = 0;
        _finalRead = final;
        if (!final)
        {
            _sealed![0] = _sealed[_sealedSize];
            _pending = 1;
            _nextIndex = _nextIndex == uint.MaxValue ? throw new BlobIntegrityException("The object has more segments than the format allows.") : _nextIndex + 1;
        }
    }

    private void RequireSeekable()
    {
        if (!CanSeek)
        {
            throw new NotSupportedException("The underlying object stream cannot seek.");
        }
    }
}
