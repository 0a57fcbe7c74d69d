namespace RemoteSupport.Server.Features.Storage;

/// <summary>What PutAsync stored: the callers keep it in their own row (snapshot, document, recording).</summary>
/// <param name="Id">The object's random name.</param>
/// <param name="Length">Plaintext length in bytes.</param>
/// <param name="Sha256">SHA-256 of the plaintext, lowercase hex (for ETags and de-duplication checks by the caller).</param>
/// <param name="ContentType">The content type given to PutAsync. Not written next to the object: plaintext metadata
/// on disk or in S3 would say what the ciphertext hides.</param>
public sealed record BlobInfo(BlobId Id, long Length, string Sha256, string ContentType);

/// Encrypted object storage for every image, document and recording (docs/storage.md). Every object is bound to its
/// organisation: reading or deleting it under another organisation finds nothing, and a file moved between
/// organisations or objects fails to decrypt.
public interface IBlobStore
{
    /// Encrypts <paramref name="content"/> (read to its end; need not be seekable) under a new random name. The object becomes
    /// visible only once completely written.
    Task<BlobInfo> PutAsync(Guid organizationId, Stream content, string contentType, CancellationToken cancellationToken);

    /// A read-only decrypting stream positioned at <paramref name="offset"/> (for range requests), or null when the
    /// organisation has no such object. Throws <see cref="BlobIntegrityException"/> when the object fails authentication,
    /// here or while reading.
    Task<Stream?> OpenReadAsync(Guid organizationId, BlobId id, long offset, CancellationToken cancellationToken);

    /// True when the organisation has such an object (its content is not checked).
    Task<bool> ExistsAsync(Guid organizationId, BlobId id, CancellationToken cancellationToken);

    /// Deletes the object; false when the organisation had no such object.
    Task<bool> DeleteAsync(Guid organizationId, BlobId id, CancellationToken cancellationToken);
}

public static class BlobStoreExtensions
{
    public static Task<Stream?> OpenReadAsync(this IBlobStore store, Guid organizationId, BlobId id, CancellationToken cancellationToken) =>
        store.OpenReadAsync(organizationId, id, 0, cancellationToken);
}
