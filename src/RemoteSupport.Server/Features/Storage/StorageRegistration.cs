using Microsoft.Extensions.Options;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Storage;

public static class StorageRegistration
{
    /// The encrypted blob store (IBlobStore, singleton) and its master key, checked and created at start: the server refuses to
    /// start when the key file is readable by others. Needs AddDatabase (data folder) first.
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
        services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<LocalBlobStore>());
        services.AddHostedService<StorageStartup>();
        return services;
    }
}

/// Loads (or creates) the master key and prepares the store before the server takes requests, so a key file readable by
/// others stops the start instead of the first upload.
internal sealed class StorageStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<MasterKey>();
        services.GetRequiredService<LocalBlobStore>().Initialize();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
