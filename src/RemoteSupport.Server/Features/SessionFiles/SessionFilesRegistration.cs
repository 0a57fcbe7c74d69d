using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Features.SessionFiles;

public static class SessionFilesRegistration
{
    /// Uploads and content of snapshots, annotated images, photos and documents. Needs AddDatabase, AddStorage, AddAudit and
    /// AddCalls (its "hub" policy lets paired devices in).
    public static WebApplicationBuilder AddSessionFiles(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SessionFilesOptions>().BindConfiguration(SessionFilesOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SessionFilesOptions>, SessionFilesOptionsValidator>();
        builder.Services.AddSingleton<ImageProcessor>();
        builder.Services.AddSingleton<UploadReceiver>();
        builder.Services.AddScoped<SessionFileStore>();
        builder.Services.AddHostedService<UploadFolderCleanup>();
        return builder;
    }
}

/// Temp files are deleted when closed; a crash can still leave some behind, which the next start removes.
internal sealed class UploadFolderCleanup(UploadReceiver receiver, ILogger<UploadFolderCleanup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(receiver.TempFolder))
        {
            var removed = 0;
            foreach (var file in Directory.EnumerateFiles(receiver.TempFolder, "*.part"))
            {
                File.Delete(file);
                removed++;
            }

            if (removed > 0)
            {
                SessionFilesLog.TempFilesRemoved(logger, removed);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
