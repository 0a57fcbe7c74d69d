using System.Text;

namespace RemoteSupport.Server.Features.SessionFiles;

/// A type the server accepts, decided from the first bytes of the content (never from the name or the declared type).
public sealed record FileType(string ContentType, string[] Extensions, bool IsImage);

/// Magic-byte detection of the accepted types: JPEG, PNG, WebP, PDF, MP4, WebM. Everything else (SVG, HEIC, QuickTime,
/// Matroska, executables, archives, HTML) is refused.
public static class FileTypes
{
    public const int HeaderBytes = 64;

    public const string Accepted = "Accepted: JPEG, PNG or WebP images, PDF documents, MP4 or WebM videos.";

    public static readonly FileType Jpeg = new("image/jpeg", [".jpg", ".jpeg"], true);
    public static readonly FileType Png = new("image/png", [".png"], true);
    public static readonly FileType Webp = new("image/webp", [".webp"], true);
    public static readonly FileType Pdf = new("application/pdf", [".pdf"], false);
    public static readonly FileType Mp4 = new("video/mp4", [".mp4", ".m4v"], false);
    public static readonly FileType Webm = new("video/webm", [".webm"], false);

    public static readonly FileType[] All = [Jpeg, Png, Webp, Pdf, Mp4, Webm];

    // ISO base media brands of MP4 video. HEIC/AVIF images ("heic", "mif1", "avif") and QuickTime ("qt  ") share the box
    // layout but are not MP4 and are refused.
    private static readonly string[] Mp4Brands = ["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "dash", "M4V ", "mmp4", "MSNV"];
    private static readonly string[] NotMp4Brands = ["qt  ", "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif", "avis", "crx "];

    public static bool IsImage(string contentType) => All.Any(t => t.IsImage && t.ContentType == contentType);

    public static FileType? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return Webp;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && IsMp4(head))
        {
            return Mp4;
        }

        // EBML header whose DocType says webm (plain Matroska says "matroska").
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) && head.IndexOf("webm"u8) > 0)
        {
            return Webm;
        }

        return null;
    }

    private static bool IsMp4(ReadOnlySpan<byte> head)
    {
        var boxSize = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head);
        var major = Encoding.ASCII.GetString(head[8..12]);
        if (NotMp4Brands.Contains(major))
        {
            return false;
        }

        if (Mp4Brands.Contains(major))
        {
            return true;
        }

        // Compatible brands follow the major brand and its minor version.
        var end = Math.Min(Math.Max(boxSize, 16), head.Length);
        for (var i = 16; i + 4 <= end; i += 4)
        {
            var brand = Encoding.ASCII.GetString(head[i..(i + 4)]);
            if (NotMp4Brands.Contains(brand))
            {
                return false;
            }

            if (Mp4Brands.Contains(brand))
            {
                return true;
            }
        }

        return false;
    }
}
