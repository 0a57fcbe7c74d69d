using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Storage;

/// Encrypted objects in a local folder: &lt;folder&gt;/&lt;organisation id&gt;/&lt;first 2 characters of the name&gt;/&lt;name&gt;.
/// One folder per organisation keeps reads, deletes and existence checks from ever reaching another organisation's
/// objects by path alone (the encryption binds them too) and lets a whole organisation be removed at once.
/// An object is written under .tmp/, flushed to disk, then renamed into place: after a crash a name either holds a
/// whole object or nothing, and the leftovers in .tmp/ are removed at the next start.
public sealed class LocalBlobStore(string folder, int segmentSize, MasterKey masterKey, ILogger<LocalBlobStore> logger) : IBlobStore
{
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Folder { get; } = Path.GetFullPath(folder);

    private string TempFolder => Path.Combine(Folder, ".tmp");

    /// Creates the folder (0700) and removes unfinished uploads of an earlier run. Called once at start, before any upload.
    public void Initialize(bool logReady = true)
    {
        PrivateFolder.Create(Folder);
        PrivateFolder.Create(TempFolder);
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(TempFolder))
        {
            File.Delete(file);
            removed++;
        }

        if (removed > 0)
        {
            StorageLog.TempFilesRemoved(logger, removed);
        }

        if (logReady)
        {
            StorageLog.LocalStoreReady(logger, Folder, masterKey.KeyIdHex);
        }
    }

    public async Task<BlobInfo> PutAsync(Guid organizationId, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        RequireOrganization(organizationId);

        var id = BlobId.New();
        PrivateFolder.Create(TempFolder);
        var temp = Path.Combine(TempFolder, $"{id}.tmp");
        try
        {
            (long Length, string Sha256) written;
            await using (var file = new FileStream(temp, WriteOptions()))
            {
                written = await BlobFormat.WriteAsync(masterKey, organizationId, id, segmentSize, content, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            var path = PathOf(organizationId, id);
            PrivateFolder.Create(Path.GetDirectoryName(Path.GetDirectoryName(path))!);
            PrivateFolder.Create(Path.GetDirectoryName(path)!);
            File.Move(temp, path, overwrite: false);
            return new BlobInfo(id, written.Length, written.Sha256, contentType);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<Stream?> OpenReadAsync(Guid organizationId, BlobId id, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        FileStream file;
        try
        {
            // bufferSize 0: the decrypting stream reads whole segments, so a FileStream buffer would only add a copy.
            file = new FileStream(PathOf(organizationId, id), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            var stream = await BlobFormat.OpenAsync(masterKey, organizationId, id, file,
                e => StorageLog.IntegrityFailure(logger, e, id, organizationId), cancellationToken);
            if (offset > 0)
            {
                stream.Position = offset;
            }

            return stream;
        }
        catch (BlobIntegrityException e)
        {
            StorageLog.IntegrityFailure(logger, e, id, organizationId);
            await file.DisposeAsync();
            throw;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public Task<bool> ExistsAsync(Guid organizationId, BlobId id, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(PathOf(organizationId, id)));

    public Task<bool> DeleteAsync(Guid organizationId, BlobId id, CancellationToken cancellationToken)
    {
        var path = PathOf(organizationId, id);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    internal string PathOf(Guid organizationId, BlobId id)
    {
        RequireOrganization(organizationId);
        var name = id.ToString();
        return Path.Combine(Folder, organizationId.ToString("N"), name[..2], name);
    }

    private static void RequireOrganization(Guid organizationId)
    {
        if (organizationId == Guid.Empty)
        {
            throw new ArgumentException("Every object belongs to an organisation.", nameof(organizationId));
        }
    }

    private static FileStreamOptions WriteOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode600;
        }

        return options;
    }
}
