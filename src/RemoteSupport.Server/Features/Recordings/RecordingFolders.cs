using Microsoft.Extensions.Options;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Recordings;

/// `<Recordings:Folder>/<recording id, 32 hex>/`: the media server's raw .mjr files, manifest.json, and the conversion's
/// "work" sub-folder. Folders are 0700: raw media is unencrypted until converted, then the whole folder is deleted.
public sealed class RecordingFolders(IOptions<RecordingsOptions> options, IOptions<DataFolderOptions> data)
{
    public string Root { get; } = options.Value.FolderPath(data.Value);

    public string For(Guid recordingId) => Path.Combine(Root, recordingId.ToString("N"));

    /// Recording ids of the folders present (names that are not a recording id are left alone).
    public IEnumerable<Guid> Existing() =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Select(d => Guid.TryParseExact(Path.GetFileName(d), "N", out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)
            : [];

    public static bool HasMedia(string folder) => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.mjr").Any();

    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// Removes the conversion's unencrypted intermediate and output files.
    public static void DeleteWork(string folder)
    {
        var work = RecordingConverter.WorkFolder(folder);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    public static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
