using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Features.Media;

/// Finds the coturn binary once: Media:TurnserverPath as a path, or a name looked up on PATH.
public sealed class TurnserverBinary(IOptions<MediaOptions> options)
{
    private readonly Lazy<string?> _path = new(() => Find(options.Value.TurnserverPath));

    public string Configured => options.Value.TurnserverPath;

    /// Null when not installed.
    public string? Path => _path.Value;

    public static string? Find(string nameOrPath)
    {
        if (nameOrPath.Contains(System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(nameOrPath) ? System.IO.Path.GetFullPath(nameOrPath) : null;
        }

        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? "";
        return searchPath.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, nameOrPath))
            .FirstOrDefault(File.Exists);
    }
}
