namespace RemoteSupport.Server.Infrastructure.Data;

/// Folders only the server's own user may enter (0700): keys, blobs, raw recordings, generated configs.
public static class PrivateFolder
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// Creates the folder (and its parents) as 0700; an existing folder keeps its mode.
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, Mode);
        }
    }
}
