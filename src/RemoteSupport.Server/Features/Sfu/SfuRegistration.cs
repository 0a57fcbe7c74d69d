using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Features.Sfu;

public static class SfuRegistration
{
    /// The Janus media server of ROUTED calls: the managed child process (when installed), the connections to every node and
    /// the "media-server" health check. Needs AddDatabase (data folder) first.
    public static WebApplicationBuilder AddSfu(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JanusOptions>().BindConfiguration(JanusOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<JanusOptions>, JanusOptionsValidator>();
        builder.Services.AddSingleton<JanusSecrets>();
        builder.Services.AddHostedService<JanusSupervisor>();
        builder.Services.AddSingleton<JanusNodes>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JanusNodes>());
        builder.Services.AddSingleton<MediaRooms>();
        builder.Services.AddHealthChecks().AddCheck<JanusHealthCheck>("media-server");
        return builder;
    }
}
