using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Features.Media;

public static class MediaRegistration
{
    /// ICE servers for calls (IceServerProvider, scoped), the managed coturn and its "turn" health check.
    /// Needs AddDatabase (AppDbContext, data folder, Data Protection) and AddHttpsEndpoints (ServerOptions) first.
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>();
        builder.Services.AddSingleton<TurnSecret>();
        builder.Services.AddSingleton<TurnserverBinary>();
        builder.Services.AddSingleton<CoturnState>();
        builder.Services.AddScoped<IceServerProvider>();
        builder.Services.AddHostedService<CoturnSupervisor>();
        builder.Services.AddHealthChecks().AddCheck<TurnHealthCheck>("turn");
        return builder;
    }
}
