using System.Globalization;
using System.Text;

namespace RemoteSupport.Server.Features.Sfu;

/// The generated configuration of the managed Janus: its own folder with links to the VideoRoom plugin and the
/// WebSocket transport only (nothing else can load), APIs on 127.0.0.1, secrets Janus shares with this server only.
internal static class JanusConfig
{
    /// System folders plus everything of ours except the recordings folder: Janus may never be told to write there.
    private static readonly string[] SystemFolders =
        ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/root", "/sbin", "/sys", "/usr", "/var", "/home"];

    public static string Core(JanusOptions options, JanusSecrets secrets, string configFolder, string dataFolder, string recordingsFolder)
    {
        var protectedFolders = SystemFolders
            .Concat(Directory.Exists(dataFolder)
                ? Directory.EnumerateDirectories(dataFolder).Where(d => !SamePath(d, recordingsFolder))
                : [])
            .Append(configFolder)
            .Distinct(StringComparer.Ordinal)
            .Where(f => !IsParentOf(f, recordingsFolder));
        var text = new StringBuilder();
        text.AppendLine("general: {");
        text.AppendLine($"  configs_folder = {Quote(configFolder)}");
        text.AppendLine($"  plugins_folder = {Quote(Path.Combine(configFolder, "plugins"))}");
        text.AppendLine($"  transports_folder = {Quote(Path.Combine(configFolder, "transports"))}");
        text.AppendLine($"  events_folder = {Quote(Path.Combine(configFolder, "events"))}");
        text.AppendLine($"  loggers_folder = {Quote(Path.Combine(configFolder, "loggers"))}");
        text.AppendLine("  debug_level = 3");
        text.AppendLine("  debug_timestamps = false");
        text.AppendLine("  log_to_stdout = true");
        text.AppendLine($"  api_secret = {Quote(secrets.ApiSecret)}");
        text.AppendLine($"  admin_secret = {Quote(secrets.AdminSecret)}");
        text.AppendLine("  session_timeout = 60");
        text.AppendLine("  reclaim_session_timeout = 0");
        text.AppendLine($"  protected_folders = [{string.Join(", ", protectedFolders.Select(Quote))}]");
        text.AppendLine("}");
        text.AppendLine("media: {");
        text.AppendLine($"  rtp_port_range = {Quote(options.RtpPortRange.Replace(" ", "", StringComparison.Ordinal))}");
        text.AppendLine("}");
        text.AppendLine("nat: {");
        text.AppendLine("  nice_debug = false");
        text.AppendLine("  full_trickle = false");
        if (options.Nat1To1Mapping is { Length: > 0 } nat)
        {
            text.AppendLine($"  nat_1_1_mapping = {Quote(nat)}");
            text.AppendLine("  keep_private_host = false");
        }

        if (options.IceEnforceList is { Length: > 0 } enforce)
        {
            text.AppendLine($"  ice_enforce_list = {Quote(enforce)}");
        }

        text.AppendLine("}");
        return text.ToString();
    }

    public static string WebSocketTransport(JanusOptions options) => $$"""
        general: {
          json = "plain"
          ws = true
          ws_port = {{options.WebSocketPort.ToString(CultureInfo.InvariantCulture)}}
          ws_ip = "127.0.0.1"
          wss = false
        }
        admin: {
          admin_ws = false
          admin_wss = false
        }
        """;

    public static string VideoRoom(JanusSecrets secrets) => $$"""
        general: {
          admin_key = {{Quote(secrets.AdminKey)}}
          lock_rtp_forward = true
          string_ids = false
          events = false
        }
        """;

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd('/'), Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);

    private static bool IsParentOf(string folder, string child) =>
        (Path.GetFullPath(child).TrimEnd('/') + "/").StartsWith(Path.GetFullPath(folder).TrimEnd('/') + "/", StringComparison.Ordinal);
}
