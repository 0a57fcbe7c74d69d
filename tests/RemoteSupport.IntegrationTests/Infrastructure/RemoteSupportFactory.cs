using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace RemoteSupport.IntegrationTests.Infrastructure;

/// The real server in-process: its own data folder (SQLite file, keys, TLS certificate) in a temp folder,
/// a FakeTimeProvider, and rate limits raised so that only the tests about them meet them.
public sealed class RemoteSupportFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public RemoteSupportFactory(params (string Key, object? Value)[] settings)
    {
        DataFolder = Directory.CreateTempSubdirectory("rs-it-").FullName;

        // A stand-in for the built pages, so the tests do not depend on web/dist (built by another suite).
        var webRoot = Directory.CreateDirectory(Path.Combine(DataFolder, "web")).FullName;
        File.WriteAllText(Path.Combine(webRoot, "index.html"), "<!doctype html><title>Remote Support portal</title>");
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Data:Folder"] = DataFolder,
            ["Web:Root"] = webRoot,
            ["SignIn:AttemptsPerIpPerMinute"] = "10000",
            ["Devices:ClaimsPerIpPerMinute"] = "10000",
            // Tests that need TURN start coturn themselves (Media/ManagedCoturnTests); parallel servers would fight over its ports.
            ["Media:TurnMode"] = "None",
            ["Janus:Mode"] = "Off",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }

    /// Starts at the real current time, so certificates and data-protection keys made with the system clock agree.
    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    public string DataFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    /// A browser: HTTPS origin (the cookies are __Host- and Secure), keeps cookies, does not follow redirects.
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
        AllowAutoRedirect = false,
    });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDataFolder();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDataFolder();
        }
    }

    private void DeleteDataFolder()
    {
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // A file still open is left to the temp folder cleanup.
        }
    }
}
