namespace RemoteSupport.Server.Infrastructure.Data;

/// <summary>Section "Data": where the server keeps its files (SQLite database, certificate, keys).</summary>
public sealed class DataFolderOptions
{
    public const string SectionName = "Data";

    /// <summary>Folder path; relative paths are resolved against the working directory. Default "data".</summary>
    public string Folder { get; set; } = "data";

    public string FullPath => Path.GetFullPath(Folder);
}
