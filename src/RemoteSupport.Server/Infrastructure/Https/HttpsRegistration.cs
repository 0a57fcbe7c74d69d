using System.Net;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Infrastructure.Https;

internal static partial class HttpsRegistration
{
    /// Kestrel listens with HTTPS on Server:HttpsPort and, for redirects only, HTTP on Server:HttpPort.
    public static WebApplicationBuilder AddHttpsEndpoints(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        var dataFolder = (builder.Configuration.GetSection(DataFolderOptions.SectionName).Get<DataFolderOptions>() ?? new DataFolderOptions()).FullPath;
        var certificate = CertificateProvider.Load(options, dataFolder, TimeProvider.System, out var generated);
        builder.Services.AddSingleton(new ServerCertificate(certificate, generated));
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpsRedirection(o => o.HttpsPort = options.HttpsPort);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            void Listen(int port, Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions>? configure)
            {
                if (string.Equals(options.ListenAddress, "any", StringComparison.OrdinalIgnoreCase))
                {
                    kestrel.ListenAnyIP(port, o => configure?.Invoke(o));
                }
                else
                {
                    kestrel.Listen(IPAddress.Parse(options.ListenAddress), port, o => configure?.Invoke(o));
                }
            }

            Listen(options.HttpsPort, o => o.UseHttps(certificate));
            if (options.HttpPort > 0)
            {
                Listen(options.HttpPort, null);
            }
        });
        return builder;
    }

    /// Prints where to go, once the server listens: the URL, the first-run link and the certificate fingerprint.
    public static void PrintWelcome(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<ServerOptions>();
        var certificate = app.Services.GetRequiredService<ServerCertificate>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RemoteSupport");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var host = string.Equals(options.ListenAddress, "any", StringComparison.OrdinalIgnoreCase) ? Dns.GetHostName() : options.ListenAddress;
            LogListening(logger, $"https://{host}:{options.HttpsPort}/", $"https://localhost:{options.HttpsPort}/",
                CertificateProvider.Sha256Fingerprint(certificate.Certificate), certificate.Generated ? "generated now" : "loaded");
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Remote Support is listening on {Url} (this machine: {LocalUrl}; first run: open it to create the organisation). Glass app: add /glass. TLS certificate SHA-256 {Fingerprint} ({Origin}).")]
    private static partial void LogListening(ILogger logger, string url, string localUrl, string fingerprint, string origin);
}

internal sealed record ServerCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate, bool Generated);
