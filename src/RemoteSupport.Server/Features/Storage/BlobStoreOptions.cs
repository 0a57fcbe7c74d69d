using Microsoft.Extensions.Options;
using RemoteSupport.Server.Features.Storage.S3;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Storage;

/// <summary>Where encrypted objects are kept.</summary>
public enum BlobStoreProvider
{
    /// <summary>A folder on this machine. Default.</summary>
    Local = 0,

    /// <summary>An S3-compatible object store (section Storage:S3); uploads queue in a local spool while it is unreachable.</summary>
    S3 = 1,
}

/// <summary>Section "Storage": the encrypted blob store that holds every image, document and recording.</summary>
public sealed class BlobStoreOptions
{
    public const string SectionName = "Storage";

    public const int MinSegmentSize = 4 * 1024;

    public const int MaxSegmentSize = 16 * 1024 * 1024;

    /// <summary>Local (default) or S3.</summary>
    public BlobStoreProvider Provider { get; set; } = BlobStoreProvider.Local;

    /// <summary>Folder of the Local provider. Default: "blobs" in the data folder (Data:Folder).</summary>
    public string? LocalFolder { get; set; }

    /// <summary>The master key file (32 random bytes, created on first start, mode 0600). Default: "keys/master.key" in the data
    /// folder. Losing it loses every object: back it up, apart from the objects. The server refuses to start when group or
    /// others have any permission on it.</summary>
    public string? MasterKeyPath { get; set; }

    /// <summary>Plaintext bytes per encrypted segment: the unit of streaming, memory use and range reads. Between 4 KiB and
    /// 16 MiB; default 64 KiB. Changing it affects new objects only (each object records its own).</summary>
    public int SegmentSize { get; set; } = 64 * 1024;

    /// <summary>The S3 provider's settings (used when Provider is S3).</summary>
    public S3StoreOptions S3 { get; set; } = new();

    public string LocalFolderPath(DataFolderOptions data) => Path.GetFullPath(LocalFolder ?? Path.Combine(data.FullPath, "blobs"));

    public string MasterKeyFullPath(DataFolderOptions data) => Path.GetFullPath(MasterKeyPath ?? Path.Combine(data.FullPath, "keys", "master.key"));
}

internal sealed class BlobStoreOptionsValidator(IOptions<DataFolderOptions> data) : IValidateOptions<BlobStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, BlobStoreOptions o)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(o.Provider))
        {
            errors.Add("Storage:Provider must be Local or S3.");
        }

        var pathsValid = CheckPath(errors, "LocalFolder", o.LocalFolder) & CheckPath(errors, "MasterKeyPath", o.MasterKeyPath);
        if (o.SegmentSize is < BlobStoreOptions.MinSegmentSize or > BlobStoreOptions.MaxSegmentSize)
        {
            errors.Add("Storage:SegmentSize must be between 4096 (4 KiB) and 16777216 (16 MiB).");
        }

        if (pathsValid)
        {
            // A key stored with the ciphertext travels with every copy and backup of it, which defeats the encryption.
            var folder = o.LocalFolderPath(data.Value).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (o.Provider == BlobStoreProvider.Local && o.MasterKeyFullPath(data.Value).StartsWith(folder, StringComparison.Ordinal))
            {
                errors.Add("Storage:MasterKeyPath must not be inside Storage:LocalFolder: the key must not travel with the encrypted objects.");
            }
        }

        if (o.Provider == BlobStoreProvider.S3)
        {
            S3StoreOptionsValidator.Validate(o.S3, errors, pathsValid ? o.MasterKeyFullPath(data.Value) : null, data.Value);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool CheckPath(List<string> errors, string name, string? path)
    {
        if (path is not null && (string.IsNullOrWhiteSpace(path) || path.Any(char.IsControl)))
        {
            errors.Add($"Storage:{name} must be a path (or left out for the default in the data folder).");
            return false;
        }

        return true;
    }
}
