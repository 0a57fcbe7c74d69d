using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Features.Recordings;

public static class RecordingsRegistration
{
    /// Recordings of ROUTED calls: RecordingLibrary (for the call code), the conversion queue and its background processor,
    /// start-up recovery, and the options. Needs AddDatabase, AddStorage and AddAudit.
    public static WebApplicationBuilder AddRecordings(this WebApplicationBuilder builder)
    {
        builder.Services.AddRecordings();
        return builder;
    }

    public static IServiceCollection AddRecordings(this IServiceCollection services)
    {
        services.AddOptions<RecordingsOptions>().BindConfiguration(RecordingsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RecordingsOptions>, RecordingsOptionsValidator>();
        services.AddSingleton<RecordingFolders>();
        services.AddSingleton<RecordingQueue>();
        services.AddSingleton<RecordingConverter>();
        services.AddSingleton<RecordingLibrary>();
        services.AddSingleton<RecordingProcessor>();

        // Recovery first: it queues what the last run left before the processor starts reading.
        services.AddHostedService<RecordingRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordingProcessor>());
        return services;
    }
}
