using System.Globalization;
using RemoteSupport.Contracts.SessionFiles;

namespace RemoteSupport.Server.Features.SessionFiles;

/// An uploaded file name is kept for display only (never used on disk): no path, no control or invisible formatting
/// characters (which can disguise an extension), at most 200 characters, and an extension that matches the content.
public static class DisplayNames
{
    public static string Sanitize(string? uploaded, FileType type, SessionFileKind kind)
    {
        var name = uploaded ?? string.Empty;
        name = name[(Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\')) + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format).ToArray());
        name = name.Trim().Trim('.').Trim();
        if (name.Length == 0)
        {
            name = kind switch
            {
                SessionFileKind.Snapshot => "snapshot",
                SessionFileKind.AnnotatedImage => "annotated-image",
                SessionFileKind.Photo => "photo",
                _ => "document",
            };
        }

        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!type.Extensions.Contains(extension))
        {
            extension = type.Extensions[0];
            name += extension;
        }

        if (name.Length > SessionFile.MaxDisplayNameLength)
        {
            var cut = SessionFile.MaxDisplayNameLength - extension.Length;
            if (char.IsHighSurrogate(name[cut - 1]))
            {
                cut--;
            }

            name = name[..cut].TrimEnd() + name[^extension.Length..];
        }

        return name;
    }
}
