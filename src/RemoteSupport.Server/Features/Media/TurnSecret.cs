using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Media;

/// The TURN REST API shared secret: configured (External, or Managed across nodes), or generated once into
/// &lt;data&gt;/turn/secret (mode 0600) for the managed coturn. Never logged.
public sealed class TurnSecret(IOptions<MediaOptions> options, IOptions<DataFolderOptions> data)
{
    private readonly Lazy<string?> _value = new(() => Resolve(options.Value, data.Value.FullPath));

    /// Null when TurnMode is None.
    public string? Value => _value.Value;

    public static bool IsConfigSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_' or '.';

    public static string TurnFolder(string dataFolder) => Path.Combine(dataFolder, "turn");

    private static string? Resolve(MediaOptions options, string dataFolder)
    {
        if (options.TurnMode == TurnMode.None)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(options.TurnSecret))
        {
            return options.TurnSecret;
        }

        var path = Path.Combine(TurnFolder(dataFolder), "secret");
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 16 && existing.All(IsConfigSafe))
            {
                return existing;
            }
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        WritePrivate(path, secret);
        return secret;
    }

    /// Creates the file readable by this user only (and its folder 0700); replaces an older file rather than inheriting its mode.
    public static void WritePrivate(string path, string contents)
    {
        var folder = Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        File.Delete(path);
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(contents);
    }
}
