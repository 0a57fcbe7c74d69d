using System.Globalization;
using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace RemoteSupport.Server.Features.Storage.S3;

/// The bucket as the blob store uses it: object key "&lt;organisation id, 32 hex&gt;/&lt;name&gt;", content already encrypted,
/// one metadata value (x-amz-meta-key-id: the master key id, so a future key rotation can find what to re-wrap).
internal sealed class S3BucketClient(IAmazonS3 client, string bucket, string keyIdHex) : IDisposable
{
    public const string KeyIdMetadata = "key-id";

    public string Name => bucket;

    public IAmazonS3 Client => client;

    /// A client that talks only to the configured endpoint with the configured key: no credential, region or endpoint
    /// lookups in the environment, profile files or instance metadata (nothing but the endpoint is ever contacted).
    public static AmazonS3Client CreateClient(S3StoreOptions o)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = o.PathStyle,
            AuthenticationRegion = o.Region,
            ConnectTimeout = o.ConnectTimeout,
            Timeout = o.RequestTimeout,
            // Few quick retries: an outage is handled by the spool and its backoff, not by holding an upload.
            MaxErrorRetry = 2,
            RetryMode = RequestRetryMode.Standard,
            // Default checksums (CRC32 trailers in aws-chunked bodies) are not understood by every S3-compatible server; the
            // payload is signed with its SHA-256 instead, and the object format authenticates every byte anyway.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            IgnoreConfiguredEndpointUrls = true,
            DefaultConfigurationMode = DefaultConfigurationMode.Standard,
        };
        if (string.IsNullOrWhiteSpace(o.Endpoint))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(o.Region);
        }
        else
        {
            config.ServiceURL = o.Endpoint;
        }

        return new AmazonS3Client(new BasicAWSCredentials(o.AccessKeyId, o.SecretAccessKey), config);
    }

    public static string KeyOf(Guid organizationId, BlobId id) => $"{organizationId:N}/{id}";

    /// Creates the bucket unless it exists already.
    public async Task EnsureExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Conflict && e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Ours already (AWS says BucketAlreadyOwnedByYou; MinIO and s3rver BucketAlreadyExists). A bucket of someone
            // else's shows up as 403 on the first upload, which stays queued and logged.
        }
    }

    /// Uploads an encrypted object file (single PUT, payload signed with its SHA-256: at most 5 GiB).
    public async Task UploadAsync(Guid organizationId, BlobId id, Stream ciphertext, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = KeyOf(organizationId, id),
            InputStream = ciphertext,
            AutoCloseStream = false,
            ContentType = "application/octet-stream",
            // aws-chunked bodies are not understood by every S3-compatible server (s3rver stores the chunk framing).
            UseChunkEncoding = false,
        };
        request.Metadata[KeyIdMetadata] = keyIdHex;
        await client.PutObjectAsync(request, cancellationToken);
    }

    /// The first <paramref name="count"/> bytes (fewer when the object is shorter), the object's length and ETag; null when
    /// there is no such object.
    public async Task<(byte[] Prefix, long Length, string? ETag)?> ReadPrefixAsync(string key, int count, CancellationToken cancellationToken)
    {
        GetObjectResponse response;
        try
        {
            response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new Amazon.S3.Model.ByteRange(0, count - 1) }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // Only an empty object has no byte 0; the format rejects it as shorter than its header.
            return ([], 0, null);
        }

        using (response)
        {
            if (TotalLength(response) == 0)
            {
                // Some S3-compatible servers (s3rver) answer a range on an empty object with a body they never send.
                return ([], 0, null);
            }

            var prefix = new byte[count];
            var read = await BlobFormat.ReadFullAsync(response.ResponseStream, prefix, cancellationToken);
            return (prefix[..read], TotalLength(response) ?? read, response.ETag);
        }
    }

    /// Bytes <paramref name="start"/> up to (not including) <paramref name="end"/>.
    public async Task<GetObjectResponse> ReadRangeAsync(string key, long start, long end, string? eTag, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new Amazon.S3.Model.ByteRange(start, end - 1) };
        if (eTag is not null)
        {
            // Names are never reused, so a changed ETag means the object was replaced: fail rather than mix two objects.
            request.EtagToMatch = eTag;
        }

        return await client.GetObjectAsync(request, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// Deletes the object; false when there was none (S3's DELETE answers the same either way, so this asks first).
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(key, cancellationToken))
        {
            return false;
        }

        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
        return true;
    }

    public void Dispose() => client.Dispose();

    /// The object's length from "Content-Range: bytes 0-84/12345" (after the slash), or the whole body's length when the
    /// server ignored the range; null when neither says.
    private static long? TotalLength(GetObjectResponse response)
    {
        var range = response.ContentRange;
        var slash = range?.LastIndexOf('/') ?? -1;
        if (slash >= 0 && long.TryParse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            return total;
        }

        return string.IsNullOrEmpty(range) && response.HttpStatusCode == HttpStatusCode.OK ? response.ContentLength : null;
    }
}
