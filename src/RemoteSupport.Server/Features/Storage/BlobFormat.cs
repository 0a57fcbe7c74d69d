using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RemoteSupport.Server.Features.Storage;

/// The encrypted object format, version 1 (docs/storage.md). Provider-neutral: it reads and writes plain streams.
///
///   header (85 bytes)
///     0  magic "RSB1"                                   4
///     4  version = 1                                    1
///     5  master key id                                  8
///    13  wrapped data key: nonce | ciphertext | tag     12 + 32 + 16
///    73  segment size (plaintext bytes), uint32 BE     4
///    77  base nonce (random)                            8
///   segments 0..n-1, each AES-256-GCM under the data key: ciphertext (segment size bytes; the last 0..segment size) | tag (16)
///
/// Every object has its own random 256-bit data key, wrapped (AES-256-GCM) by the master key with
/// AAD = "RSB1 dek" | version | key id | object id | organisation id, so a header moved to another object or organisation
/// does not unwrap. Segment i uses nonce = base nonce | uint32 BE i and
/// AAD = SHA-256(header) | object id | organisation id | uint32 BE i | final (1 on the last segment, else 0).
/// This is the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015), as in Tink's streaming AEAD and age:
/// the index catches reordered, dropped or duplicated segments, the final flag catches truncation at a segment boundary
/// (and appended data), the header hash catches any change to the header. An empty object is one empty final segment.
internal static class BlobFormat
{
    public const byte Version = 1;
    public const int TagSize = 16;
    public const int DataKeySize = 32;
    public const int BaseNonceSize = 8;
    public const int HeaderSize = 4 + 1 + MasterKey.KeyIdSize + MasterKey.WrappedSize + 4 + BaseNonceSize;

    private const int KeyIdOffset = 5;
    private const int WrappedOffset = KeyIdOffset + MasterKey.KeyIdSize;
    private const int SegmentSizeOffset = WrappedOffset + MasterKey.WrappedSize;
    private const int BaseNonceOffset = SegmentSizeOffset + 4;

    private static ReadOnlySpan<byte> Magic => "RSB1"u8;

    private static readonly byte[] DekLabel = Encoding.ASCII.GetBytes("RSB1 dek");

    /// Encrypts input (read to its end) into output, segment by segment: memory stays at three segment buffers whatever the size.
    public static async Task<(long Length, string Sha256)> WriteAsync(
        MasterKey masterKey, Guid organizationId, BlobId id, int segmentSize, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderSize];
        var dataKey = RandomNumberGenerator.GetBytes(DataKeySize);
        var current = ArrayPool<byte>.Shared.Rent(segmentSize);
        var next = ArrayPool<byte>.Shared.Rent(segmentSize);
        var sealedSegment = ArrayPool<byte>.Shared.Rent(segmentSize + TagSize);
        try
        {
            Magic.CopyTo(header);
            header[4] = Version;
            masterKey.KeyId.CopyTo(header.AsSpan(KeyIdOffset));
            masterKey.Wrap(dataKey, DekAssociatedData(masterKey.KeyId, organizationId, id), header.AsSpan(WrappedOffset, MasterKey.WrappedSize));
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(SegmentSizeOffset), (uint)segmentSize);
            RandomNumberGenerator.Fill(header.AsSpan(BaseNonceOffset, BaseNonceSize));
            await output.WriteAsync(header, cancellationToken);

            using var cipher = new SegmentCipher(dataKey, header, organizationId, id);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            uint index = 0;
            var currentLength = await ReadFullAsync(input, current.AsMemory(0, segmentSize), cancellationToken);
            while (true)
            {
                // One segment of look-ahead: only a segment followed by nothing is the final one, so an object whose size is a
                // multiple of the segment size still ends with a final segment (never with an empty extra one).
                var nextLength = currentLength == segmentSize ? await ReadFullAsync(input, next.AsMemory(0, segmentSize), cancellationToken) : 0;
                var final = nextLength == 0;
                hash.AppendData(current, 0, currentLength);
                cipher.Seal(index, final, current.AsSpan(0, currentLength), sealedSegment.AsSpan(0, currentLength + TagSize));
                await output.WriteAsync(sealedSegment.AsMemory(0, currentLength + TagSize), cancellationToken);
                length += currentLength;
                if (final)
                {
                    return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
                }

                index = index == uint.MaxValue ? throw new InvalidOperationException("The object has more segments than the format allows.") : index + 1;
                (current, next) = (next, current);
                currentLength = nextLength;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            ArrayPool<byte>.Shared.Return(current, clearArray: true);
            ArrayPool<byte>.Shared.Return(next, clearArray: true);
            ArrayPool<byte>.Shared.Return(sealedSegment);
        }
    }

    /// Reads and authenticates the header (the data key unwraps only for this object of this organisation); the returned
    /// stream decrypts the segments that follow it and owns <paramref name="input"/>.
    public static async Task<DecryptingStream> OpenAsync(
        MasterKey masterKey, Guid organizationId, BlobId id, Stream input, Action<BlobIntegrityException>? onFailure, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderSize];
        if (await ReadFullAsync(input, header, cancellationToken) != HeaderSize)
        {
            throw new BlobIntegrityException("The object is shorter than its header.");
        }

        if (!header.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new BlobIntegrityException("The object does not start with the blob format's magic bytes.");
        }

        if (header[4] != Version)
        {
            throw new BlobIntegrityException($"The object has format version {header[4]}; this server reads version {Version}.");
        }

        var keyId = header.AsSpan(KeyIdOffset, MasterKey.KeyIdSize);
        if (!keyId.SequenceEqual(masterKey.KeyId))
        {
            throw new BlobIntegrityException($"The object was written under master key {Convert.ToHexStringLower(keyId)}, not the current key {masterKey.KeyIdHex}.");
        }

        var segmentSize = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(SegmentSizeOffset));
        if (segmentSize is < BlobStoreOptions.MinSegmentSize or > BlobStoreOptions.MaxSegmentSize)
        {
            throw new BlobIntegrityException("The object's header has an invalid segment size.");
        }

        var dataKey = new byte[DataKeySize];
        try
        {
            if (!masterKey.TryUnwrap(header.AsSpan(WrappedOffset, MasterKey.WrappedSize), DekAssociatedData(keyId, organizationId, id), dataKey))
            {
                throw new BlobIntegrityException("The object's data key does not authenticate for this object and organisation.");
            }

            return new DecryptingStream(input, new SegmentCipher(dataKey, header, organizationId, id), (int)segmentSize, onFailure);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// Reads until the buffer is full or the stream ends.
    public static async ValueTask<int> ReadFullAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static byte[] DekAssociatedData(ReadOnlySpan<byte> keyId, Guid organizationId, BlobId id)
    {
        var aad = new byte[DekLabel.Length + 1 + MasterKey.KeyIdSize + BlobId.Size + 16];
        DekLabel.CopyTo(aad, 0);
        aad[DekLabel.Length] = Version;
        keyId.CopyTo(aad.AsSpan(DekLabel.Length + 1));
        id.WriteBytes(aad.AsSpan(DekLabel.Length + 1 + MasterKey.KeyIdSize));
        organizationId.TryWriteBytes(aad.AsSpan(DekLabel.Length + 1 + MasterKey.KeyIdSize + BlobId.Size), bigEndian: true, out _);
        return aad;
    }

    /// AES-256-GCM over the segments of one object. Holds the data key's schedule; not thread-safe (one per stream).
    internal sealed class SegmentCipher : IDisposable
    {
        private const int HashSize = 32;
        private const int IndexOffset = HashSize + BlobId.Size + 16;

        private readonly AesGcm _aes;
        private readonly byte[] _nonce = new byte[12];
        private readonly byte[] _associatedData = new byte[IndexOffset + 4 + 1];

        public SegmentCipher(ReadOnlySpan<byte> dataKey, byte[] header, Guid organizationId, BlobId id)
        {
            _aes = new AesGcm(dataKey, TagSize);
            header.AsSpan(BaseNonceOffset, BaseNonceSize).CopyTo(_nonce);
            SHA256.HashData(header, _associatedData);
            id.WriteBytes(_associatedData.AsSpan(HashSize));
            organizationId.TryWriteBytes(_associatedData.AsSpan(HashSize + BlobId.Size), bigEndian: true, out _);
        }

        /// Writes ciphertext | tag (plaintext length + 16 bytes).
        public void Seal(uint index, bool final, ReadOnlySpan<byte> plaintext, Span<byte> sealedSegment)
        {
            Prepare(index, final);
            _aes.Encrypt(_nonce, plaintext, sealedSegment[..plaintext.Length], sealedSegment.Slice(plaintext.Length, TagSize), _associatedData);
        }

        /// Decrypts ciphertext | tag into plaintext (16 bytes shorter); throws BlobIntegrityException unless it authenticates
        /// as segment <paramref name="index"/> of this object with this final flag. Nothing is written to plaintext then.
        public int Open(uint index, bool final, ReadOnlySpan<byte> sealedSegment, Span<byte> plaintext)
        {
            if (sealedSegment.Length < TagSize)
            {
                throw new BlobIntegrityException($"Segment {index} is cut short: the object was truncated.");
            }

            var length = sealedSegment.Length - TagSize;
            Prepare(index, final);
            try
            {
                _aes.Decrypt(_nonce, sealedSegment[..length], sealedSegment[length..], plaintext[..length], _associatedData);
            }
            catch (AuthenticationTagMismatchException e)
            {
                throw new BlobIntegrityException(
                    $"Segment {index} does not authenticate{(final ? " as the last segment" : "")}: the object was changed, truncated or swapped.", e);
            }

            return length;
        }

        public void Dispose() => _aes.Dispose();

        private void Prepare(uint index, bool final)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_nonce.AsSpan(BaseNonceSize), index);
            BinaryPrimitives.WriteUInt32BigEndian(_associatedData.AsSpan(IndexOffset), index);
            _associatedData[^1] = final ? (byte)1 : (byte)0;
        }
    }
}
