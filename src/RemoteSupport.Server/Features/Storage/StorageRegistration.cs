using Microsoft.Extensions.Options;
using RemoteSupport.Server.Features.Storage.S3;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Storage;

public static class StorageRegistration
{
    /// The encrypted blob store (IBlobStore, singleton: the local folder or S3, by Storage:Provider) and its master key, checked
    /// and created at start: the server refuses to start when the key file is readable by others. Needs AddDatabase (data
    /// folder) first.
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddStorage();
        return builder;
    }

    /// Same as the WebApplicationBuilder form; a second call adds nothing.
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IBlobStore)))
        {
            return services;
        }

        services.AddOptions<BlobStoreOptions>().BindConfiguration(BlobStoreOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BlobStoreOptions>, BlobStoreOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<BlobStoreOptions>>().Value.MasterKeyFullPath(sp.GetRequiredService<IOptions<DataFolderOptions>>().Value);
            var (key, created) = MasterKey.LoadOrCreate(path);
            if (created)
            {
                StorageLog.MasterKeyCreated(sp.GetRequiredService<ILogger<MasterKey>>(), path, key.KeyIdHex);
            }

            return key;
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BlobStoreOptions>>().Value;
            return new LocalBlobStore(
                options.LocalFolderPath(sp.GetRequiredService<IOptions<DataFolderOptions>>().Value),
                options.SegmentSize,
                sp.GetRequiredService<MasterKey>(),
                sp.GetRequiredService<ILogger<LocalBlobStore>>());
        });
        services.AddS3Store();
        services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<IOptions<BlobStoreOptions>>().Value.Provider == BlobStoreProvider.S3
            ? sp.GetRequiredService<S3BlobStore>()
            : sp.GetRequiredService<LocalBlobStore>());
        // In this order (hosted services start in order): the spool is prepared before the uploader scans it.
        services.AddHostedService<StorageStartup>();
        services.AddHostedService<S3UploadService>();
        return services;
    }
}

/// Loads (or creates) the master key and prepares the store before the server takes requests, so a key file readable by
/// others stops the start instead of the first upload.
internal sealed class StorageStartup(IServiceProvider services, IOptions<BlobStoreOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<MasterKey>();
        if (options.Value.Provider == BlobStoreProvider.S3)
        {
            services.GetRequiredService<S3Spool>().Store.Initialize(logReady: false);
            services.GetRequiredService<S3BlobStore>().LogReady(options.Value.S3);
        }
        else
        {
            services.GetRequiredService<LocalBlobStore>().Initialize();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
