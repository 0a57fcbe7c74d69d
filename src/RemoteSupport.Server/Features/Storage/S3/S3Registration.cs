using Microsoft.Extensions.Options;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Storage.S3;

internal static class S3Registration
{
    /// The S3 store's parts; created only when Storage:Provider is S3 (nothing resolves them otherwise).
    public static IServiceCollection AddS3Store(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BlobStoreOptions>>().Value;
            var spool = options.S3.SpoolFolderPath(sp.GetRequiredService<IOptions<DataFolderOptions>>().Value);
            return new S3Spool(new LocalBlobStore(spool, options.SegmentSize, sp.GetRequiredService<MasterKey>(), sp.GetRequiredService<ILogger<LocalBlobStore>>()));
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BlobStoreOptions>>().Value.S3;
            return new S3BucketClient(S3BucketClient.CreateClient(options), options.Bucket!, sp.GetRequiredService<MasterKey>().KeyIdHex);
        });
        services.AddSingleton(sp => new S3UploadQueue(
            sp.GetRequiredService<S3Spool>().Store,
            sp.GetRequiredService<S3BucketClient>(),
            sp.GetRequiredService<IOptions<BlobStoreOptions>>().Value.S3,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<S3UploadQueue>>()));
        services.AddSingleton(sp => new S3BlobStore(
            sp.GetRequiredService<S3Spool>().Store,
            sp.GetRequiredService<S3BucketClient>(),
            sp.GetRequiredService<S3UploadQueue>(),
            sp.GetRequiredService<MasterKey>(),
            sp.GetRequiredService<ILogger<S3BlobStore>>()));
        return services;
    }
}

/// The S3 provider's local spool (a LocalBlobStore of its own folder), as a type of its own so it is never mistaken for
/// the Local provider's store.
internal sealed record S3Spool(LocalBlobStore Store);

/// Runs the upload queue for the life of the server when the S3 provider is selected; does nothing otherwise. Start-up
/// does not wait for S3: an unreachable S3 only means uploads wait in the spool.
internal sealed class S3UploadService(IServiceProvider services, IOptions<BlobStoreOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != BlobStoreProvider.S3)
        {
            return;
        }

        await services.GetRequiredService<S3UploadQueue>().RunAsync(stoppingToken);
    }
}
