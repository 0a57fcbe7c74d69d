namespace RemoteSupport.Server.Features.Storage;

/// An encrypted object failed authentication: its bytes were changed, cut short, reordered, swapped with another
/// object's, or read under the wrong organisation or master key. No plaintext of an unverified segment is ever returned.
/// Callers answer 404 (never the message: it is for logs).
public sealed class BlobIntegrityException : Exception
{
    public BlobIntegrityException()
    {
    }

    public BlobIntegrityException(string message)
        : base(message)
    {
    }

    public BlobIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
