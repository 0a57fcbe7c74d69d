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

    /// True when the folder holds recorded streams, finished (.mjr) or still open when the server stopped (.mjr.tmp).
    public static bool HasMedia(string folder) => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.mjr*").Any(IsStream);

    /// Janus, with "recordings_tmp_ext" set, writes "name.mjr.tmp" and renames it to "name.mjr" when it closes the recorder;
    /// a crash leaves the temporary name. Gives such files their final name so they are converted like the others.
    public static void AdoptTemporaryFiles(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*.mjr.*"))
        {
            var final = path[..(path.LastIndexOf(".mjr.", StringComparison.Ordinal) + 4)];
            if (!File.Exists(final))
            {
                File.Move(path, final);
            }
        }
    }

    private static bool IsStream(string path) =>
        path.EndsWith(".mjr", StringComparison.Ordinal) || path.Contains(".mjr.", StringComparison.Ordinal);


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
