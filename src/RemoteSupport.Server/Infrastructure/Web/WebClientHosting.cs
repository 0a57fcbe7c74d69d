using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace RemoteSupport.Server.Infrastructure.Web;

/// <summary>Section "Web": where the built pages are (web/dist).</summary>
public sealed class WebClientOptions
{
    public const string SectionName = "Web";

    /// <summary>Folder of the built web clients. Default: web/dist under the working directory, else the nearest one above the server binary.</summary>
    public string? Root { get; set; }
}

/// Serves the three web apps: the portal at /, the glass app at /glass, the guest page at /join.
internal static class WebClientHosting
{
    public static void MapWebClients(this WebApplication app)
    {
        var root = ResolveRoot(app.Configuration.GetSection(WebClientOptions.SectionName).Get<WebClientOptions>()?.Root, app.Environment.ContentRootPath);
        if (root is null)
        {
            app.MapFallback(context => IsApiOrAsset(context.Request.Path)
                ? NotFound(context)
                : Results.Problem(statusCode: 503, title: "The web pages are not built. Run ./run.sh, or npm run build in web/.").ExecuteAsync(context));
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // Vite puts a content hash in every asset name, so those never change; pages are always fetched anew.
                if (context.Context.Request.Path.StartsWithSegments("/assets"))
                {
                    context.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                }
            },
        });

        MapPage(app, "/glass/{**path}", files, "glass/index.html");
        MapPage(app, "/glass", files, "glass/index.html");
        MapPage(app, "/join/{**path}", files, "join/index.html");
        MapPage(app, "/join", files, "join/index.html");
        app.MapFallback(async context =>
        {
            if (IsApiOrAsset(context.Request.Path))
            {
                await NotFound(context);
                return;
            }

            await SendPage(context, files, "index.html");
        });
    }

    private static bool IsApiOrAsset(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || Path.HasExtension(path.Value);

    private static Task NotFound(HttpContext context) => Results.Problem(statusCode: 404, title: "Not found.").ExecuteAsync(context);

    private static void MapPage(WebApplication app, string pattern, IFileProvider files, string page) =>
        app.MapGet(pattern, context => SendPage(context, files, page)).ExcludeFromDescription();

    private static async Task SendPage(HttpContext context, IFileProvider files, string page)
    {
        var file = files.GetFileInfo(page);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        await context.Response.SendFileAsync(file);
    }

    private static string? ResolveRoot(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        var candidates = new List<string> { Path.Combine(contentRoot, "web", "dist"), Path.Combine(AppContext.BaseDirectory, "wwwroot") };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "web", "dist"));
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "index.html")));
    }
}
