using System.Text.RegularExpressions;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Storage.S3;

/// <summary>Section "Storage:S3": an S3-compatible object store (AWS S3, MinIO, Ceph, Garage, …) for the encrypted objects.
/// Objects are encrypted by the server before upload (the same format as the local folder); the bucket sees ciphertext under
/// random names and one metadata value, the master key id.</summary>
public sealed class S3StoreOptions
{
    /// <summary>Service URL of an S3-compatible server, e.g. "https://minio.example.net:9000". Leave out for AWS S3 in
    /// <see cref="Region"/>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Region used to sign requests (and to find AWS S3 when no endpoint is given). Default "us-east-1".</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Bucket name (3–63 characters: lowercase letters, digits, dots and hyphens). Required.</summary>
    public string? Bucket { get; set; }

    /// <summary>Access key id. Required.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Secret access key. Required; never logged. Prefer an environment variable (Storage__S3__SecretAccessKey) over
    /// appsettings.json.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>Path-style addressing (http://host/bucket/key) instead of virtual-hosted buckets (http://bucket.host/key).
    /// Default: on when an endpoint is given (what most S3-compatible servers expect), off for AWS.</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Create the bucket when it does not exist (checked at start and before the first upload). Default true;
    /// turn off when the credentials may not create buckets.</summary>
    public bool CreateBucket { get; set; } = true;

    /// <summary>Uploads wait here (encrypted) until S3 has them. Default: "s3-spool" in the data folder. Keep it on a disk with
    /// room for what may pile up during an S3 outage.</summary>
    public string? SpoolFolder { get; set; }

    /// <summary>Longest wait for a connection to S3; an unreachable S3 sends uploads to the spool after this. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest time an upload request waits for S3 itself; after that the object is left to the background queue
    /// (it is in the spool and readable already). Bounds how long S3 can hold up an upload. Default 30 s.</summary>
    public TimeSpan InlineUploadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time for one request, including the transfer of a large object. Default 10 minutes.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>First wait before a queued upload is tried again; it doubles after each failure. Default 1 s.</summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two tries of a queued upload. Default 1 minute.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    public bool PathStyle => ForcePathStyle ?? !string.IsNullOrWhiteSpace(Endpoint);

    public string SpoolFolderPath(DataFolderOptions data) => Path.GetFullPath(SpoolFolder ?? Path.Combine(data.FullPath, "s3-spool"));
}

internal static partial class S3StoreOptionsValidator
{
    /// Adds every problem of the S3 section to <paramref name="errors"/> (values of secrets are never quoted).
    public static void Validate(S3StoreOptions o, List<string> errors, string? masterKeyPath, DataFolderOptions data)
    {
        if (!string.IsNullOrWhiteSpace(o.Endpoint)
            && (!Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo)))
        {
            errors.Add("Storage:S3:Endpoint must be an http:// or https:// URL without credentials or query (or left out for AWS S3).");
        }

        if (string.IsNullOrWhiteSpace(o.Region) || !RegionPattern().IsMatch(o.Region))
        {
            errors.Add("Storage:S3:Region must be a region name such as us-east-1 (letters, digits and hyphens).");
        }

        if (string.IsNullOrWhiteSpace(o.Bucket))
        {
            errors.Add("Storage:S3:Bucket is required when Storage:Provider is S3.");
        }
        else if (!BucketPattern().IsMatch(o.Bucket) || o.Bucket.Contains("..", StringComparison.Ordinal) || IsIpAddress(o.Bucket))
        {
            errors.Add("Storage:S3:Bucket must be 3-63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, and not an IP address.");
        }

        if (string.IsNullOrWhiteSpace(o.AccessKeyId))
        {
            errors.Add("Storage:S3:AccessKeyId is required when Storage:Provider is S3.");
        }

        if (string.IsNullOrWhiteSpace(o.SecretAccessKey))
        {
            errors.Add("Storage:S3:SecretAccessKey is required when Storage:Provider is S3 (e.g. environment variable Storage__S3__SecretAccessKey).");
        }

        if (o.ConnectTimeout <= TimeSpan.Zero || o.ConnectTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add("Storage:S3:ConnectTimeout must be more than 0 and at most 5 minutes.");
        }

        if (o.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("Storage:S3:RequestTimeout must be more than 0.");
        }

        if (o.InlineUploadTimeout <= TimeSpan.Zero)
        {
            errors.Add("Storage:S3:InlineUploadTimeout must be more than 0.");
        }

        if (o.RetryMinDelay <= TimeSpan.Zero || o.RetryMaxDelay < o.RetryMinDelay || o.RetryMaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add("Storage:S3:RetryMinDelay must be more than 0 and at most Storage:S3:RetryMaxDelay, which is at most 1 hour.");
        }

        if (o.SpoolFolder is not null && (string.IsNullOrWhiteSpace(o.SpoolFolder) || o.SpoolFolder.Any(char.IsControl)))
        {
            errors.Add("Storage:S3:SpoolFolder must be a path (or left out for the default in the data folder).");
        }
        else if (masterKeyPath is not null)
        {
            var spool = o.SpoolFolderPath(data).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (masterKeyPath.StartsWith(spool, StringComparison.Ordinal))
            {
                errors.Add("Storage:MasterKeyPath must not be inside Storage:S3:SpoolFolder: the key must not travel with the encrypted objects.");
            }
        }
    }

    private static bool IsIpAddress(string bucket) => System.Net.IPAddress.TryParse(bucket, out _);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RegionPattern();
}
