using System.Security.Cryptography;
using System.Text;

namespace RemoteSupport.Server.Features.Storage;

/// The key that wraps every object's data key. It lives in a file of its own (never in the database, never next to the
/// objects), is created on first start with mode 0600, and is refused when group or others may access it.
/// The key id, stored in every object header, names the key an object was written under so that a later rotation can keep
/// several keys; it is a hash of the key, so it reveals nothing about it.
public sealed class MasterKey : IDisposable
{
    public const int KeySize = 32;
    public const int KeyIdSize = 8;
    public const int WrappedSize = NonceSize + KeySize + TagSize;

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly byte[] KeyIdLabel = Encoding.ASCII.GetBytes("RemoteSupport blob master key id v1");

    private readonly AesGcm _aes;

    public MasterKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A master key is {KeySize} bytes.", nameof(key));
        }

        _aes = new AesGcm(key, TagSize);
        Span<byte> input = stackalloc byte[KeyIdLabel.Length + KeySize];
        KeyIdLabel.CopyTo(input);
        key.CopyTo(input[KeyIdLabel.Length..]);
        KeyId = SHA256.HashData(input)[..KeyIdSize];
        CryptographicOperations.ZeroMemory(input);
    }

    public byte[] KeyId { get; }

    public string KeyIdHex => Convert.ToHexStringLower(KeyId);

    /// Loads the key file, or creates it when missing (Created tells which). Throws <see cref="InvalidOperationException"/>
    /// with the path and the fix when the file is readable by others or is not a key file.
    public static (MasterKey Key, bool Created) LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            if (TryCreate(path) is { } created)
            {
                return (created, true);
            }
        }

        return (Load(path), false);
    }

    public static MasterKey Load(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                throw new InvalidOperationException(
                    $"The blob store master key file {path} can be accessed by other users (mode {Convert.ToString((int)mode, 8)}). " +
                    $"Restrict it to the server's user with: chmod 600 '{path}' — and treat the key as exposed: anyone who copied it " +
                    "and the encrypted objects can read them.");
            }
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            if (bytes.Length != KeySize)
            {
                throw new InvalidOperationException(
                    $"The blob store master key file {path} is not a key file ({bytes.Length} bytes, expected {KeySize}). " +
                    "Restore it from the backup of the key; without it the stored objects cannot be read.");
            }

            return new MasterKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// Encrypts a data key: nonce (12) || ciphertext (32) || tag (16). The nonce is random: under one master key that is
    /// safe for 2^32 wraps (NIST SP 800-38D), far beyond the objects one server holds; rotation starts a new key.
    public void Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData, Span<byte> wrapped)
    {
        var nonce = wrapped[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        _aes.Encrypt(nonce, dataKey, wrapped.Slice(NonceSize, KeySize), wrapped.Slice(NonceSize + KeySize, TagSize), associatedData);
    }

    /// False when the wrapped key or its associated data was changed (or it was wrapped under another key).
    public bool TryUnwrap(ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData, Span<byte> dataKey)
    {
        try
        {
            _aes.Decrypt(wrapped[..NonceSize], wrapped.Slice(NonceSize, KeySize), wrapped.Slice(NonceSize + KeySize, TagSize), dataKey, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Dispose() => _aes.Dispose();

    private static MasterKey? TryCreate(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var key = RandomNumberGenerator.GetBytes(KeySize);
        // Written whole to a temporary name, flushed, then linked into place without replacing: a crash never leaves a short
        // key file, and two processes starting at once end up with the same key.
        var temp = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(key);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                return null;
            }

            return new MasterKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            File.Delete(temp);
        }
    }
}
