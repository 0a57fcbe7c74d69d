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
        StopLeftover(folder);
        CreatePrivateFolder(recordingFolders.Root);
        var main = WriteConfigFolder(o, secrets, folder, dataFolder, recordingFolders.Root);
        SfuLog.JanusStarting(logger, o.WebSocketPort, o.RtpPortRange);
        return ["-C", main, "-F", folder];
    }

    protected override void OnStarted(int processId) =>
        File.WriteAllText(Path.Combine(ConfigFolder(data.Value.FullPath), "janus.pid"), processId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// A Janus of an earlier run that outlived it (this server was killed alone) still holds the WebSocket port and knows
    /// other secrets: stop it, if the pid file names a process still running our config.
    private void StopLeftover(string folder)
    {
        var pidFile = Path.Combine(folder, "janus.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return;
        }

        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            if (commandLine.Contains(Path.Combine(folder, "janus.jcfg"), StringComparison.Ordinal))
            {
                using var leftover = System.Diagnostics.Process.GetProcessById(pid);
                leftover.Kill();
                leftover.WaitForExit(TimeSpan.FromSeconds(5));
                SfuLog.LeftoverStopped(logger, pid);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            // Gone already, or not ours.
        }

        File.Delete(pidFile);
    }

    /// Writes a complete Janus config folder (0700) and returns the path of its janus.jcfg.
    internal static string WriteConfigFolder(JanusOptions o, JanusSecrets secrets, string folder, string dataFolder, string recordingsFolder)
    {
        CreatePrivateFolder(folder);
        LinkOnly(Path.Combine(folder, "plugins"), Path.Combine(o.LibraryFolder, "plugins", "libjanus_videoroom.so"));
        LinkOnly(Path.Combine(folder, "transports"), Path.Combine(o.LibraryFolder, "transports", "libjanus_websockets.so"));
        LinkOnly(Path.Combine(folder, "events"), null);
        LinkOnly(Path.Combine(folder, "loggers"), null);
        var main = Path.Combine(folder, "janus.jcfg");
        WritePrivate(main, JanusConfig.Core(o, secrets, folder, dataFolder, recordingsFolder));
        WritePrivate(Path.Combine(folder, "janus.transport.websockets.jcfg"), JanusConfig.WebSocketTransport(o));
        WritePrivate(Path.Combine(folder, "janus.plugin.videoroom.jcfg"), JanusConfig.VideoRoom(secrets));
        return main;
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

    /// Its own config folder is made 0700 even when it exists already: it holds the secrets.
    private static void CreatePrivateFolder(string path)
    {
        PrivateFolder.Create(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, PrivateFolder.Mode);
        }
    }
}
