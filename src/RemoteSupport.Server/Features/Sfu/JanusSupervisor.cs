using Microsoft.Extensions.Options;
using RemoteSupport.Server.Features.Media;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Processes;

namespace RemoteSupport.Server.Features.Sfu;

/// Runs Janus as a child process when Janus:Mode is Managed and the binary is installed. Every start rewrites its
/// config folder (data/janus, 0700): only the VideoRoom plugin and the WebSocket transport are linked in.
internal sealed class JanusSupervisor(
    IOptions<JanusOptions> options,
    IOptions<DataFolderOptions> data,
    JanusSecrets secrets,
    Recordings.RecordingFolders recordingFolders,
    TimeProvider time,
    ILogger<JanusSupervisor> logger) : ProcessSupervisor(time, logger)
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    protected override string Name => "janus";

    /// The managed node's binary, or null when Janus is not managed here or not installed.
    public static string? Binary(JanusOptions options) =>
        options.Mode == JanusMode.Managed ? TurnserverBinary.Find(options.BinaryPath) : null;

    public static string ConfigFolder(string dataFolder) => Path.Combine(dataFolder, "janus");

    protected override string? ResolveBinary()
    {
        if (options.Value.Mode != JanusMode.Managed)
        {
            return null;
        }

        var binary = Binary(options.Value);
        if (binary is null)
        {
            SfuLog.JanusMissing(logger, options.Value.BinaryPath);
        }

        return binary;
    }

    protected override IEnumerable<string> PrepareStart()
    {
        var o = options.Value;
        var dataFolder = data.Value.FullPath;
        var folder = ConfigFolder(dataFolder);
        var recordings = recordingFolders.Root;
        CreatePrivateFolder(folder);
        CreatePrivateFolder(recordings);
        LinkOnly(Path.Combine(folder, "plugins"), Path.Combine(o.LibraryFolder, "plugins", "libjanus_videoroom.so"));
        LinkOnly(Path.Combine(folder, "transports"), Path.Combine(o.LibraryFolder, "transports", "libjanus_websockets.so"));
        LinkOnly(Path.Combine(folder, "events"), null);
        LinkOnly(Path.Combine(folder, "loggers"), null);
        var main = Path.Combine(folder, "janus.jcfg");
        WritePrivate(main, JanusConfig.Core(o, secrets, folder, dataFolder, recordings));
        WritePrivate(Path.Combine(folder, "janus.transport.websockets.jcfg"), JanusConfig.WebSocketTransport(o));
        WritePrivate(Path.Combine(folder, "janus.plugin.videoroom.jcfg"), JanusConfig.VideoRoom(secrets));
        SfuLog.JanusStarting(logger, o.WebSocketPort, o.RtpPortRange);
        return ["-C", main, "-F", folder];
    }

    /// A folder holding exactly one link (or nothing): whatever else was there is removed.
    private static void LinkOnly(string folder, string? target)
    {
        CreatePrivateFolder(folder);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
        {
            File.Delete(entry);
        }

        if (target is not null)
        {
            File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(target)), target);
        }
    }

    private static void WritePrivate(string path, string content) => TurnSecret.WritePrivate(path, content);

    private static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, PrivateFolder);
            File.SetUnixFileMode(path, PrivateFolder);
        }
    }
}
