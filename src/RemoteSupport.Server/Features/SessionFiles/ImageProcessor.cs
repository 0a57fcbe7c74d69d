using Microsoft.Extensions.Options;
using SkiaSharp;

namespace RemoteSupport.Server.Features.SessionFiles;

/// Why an image was refused; the message is shown to the user.
public sealed record ImageRefusal(string Message);

/// A re-encoded image: what is stored instead of the upload.
public sealed record CleanImage(int Width, int Height);

/// Decodes uploaded images and encodes them again, so nothing of the original file survives but its pixels: no EXIF
/// (GPS, camera serial, owner), no XMP, no comments, no trailing data. The orientation is applied to the pixels first.
/// The pixel count is checked from the header before any pixel memory is allocated.
public sealed class ImageProcessor(IOptions<SessionFilesOptions> options) : IDisposable
{
    public const int ThumbnailSize = 320;

    private readonly SemaphoreSlim _jobs = new(options.Value.MaxConcurrentImageJobs);

    /// Reads <paramref name="input"/> (seekable, at 0) and writes the re-encoded image to <paramref name="output"/>.
    public async Task<(CleanImage? Image, ImageRefusal? Refusal)> SanitizeAsync(Stream input, FileType type, Stream output, CancellationToken ct)
    {
        await _jobs.WaitAsync(ct);
        try
        {
            return Sanitize(input, type, output);
        }
        finally
        {
            _jobs.Release();
        }
    }

    /// A JPEG of at most 320 pixels a side, or null when the content is not a readable image.
    public async Task<byte[]?> ThumbnailAsync(Stream input, CancellationToken ct)
    {
        await _jobs.WaitAsync(ct);
        try
        {
            return Thumbnail(input);
        }
        finally
        {
            _jobs.Release();
        }
    }

    private (CleanImage?, ImageRefusal?) Sanitize(Stream input, FileType type, Stream output)
    {
        var o = options.Value;
        using var managed = new SKManagedStream(input, disposeManagedStream: false);
        using var codec = SKCodec.Create(managed, out var created);
        if (codec is null || created != SKCodecResult.Success || Format(type) is not { } format || codec.EncodedFormat != format)
        {
            return (null, new ImageRefusal("This image could not be read; it may be damaged. " + FileTypes.Accepted));
        }

        var info = codec.Info;
        var pixels = (long)info.Width * info.Height;
        if (info.Width <= 0 || info.Height <= 0 || pixels > o.MaxImagePixels)
        {
            return (null, new ImageRefusal(
                $"This image is {info.Width} × {info.Height} pixels; images can have at most {o.MaxImagePixels / 1_000_000.0:0.#} megapixels."));
        }

        // Only the first frame of an animated image is kept.
        var target = new SKImageInfo(info.Width, info.Height, SKImageInfo.PlatformColorType,
            type == FileTypes.Jpeg ? SKAlphaType.Opaque : SKAlphaType.Premul, info.ColorSpace);
        using var decoded = new SKBitmap(target);
        var result = codec.GetPixels(target, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            return (null, new ImageRefusal("This image is damaged or incomplete and could not be read."));
        }

        using var oriented = Orient(decoded, codec.EncodedOrigin);
        var bitmap = oriented ?? decoded;
        if (!bitmap.Encode(output, format, o.ImageQuality))
        {
            throw new InvalidOperationException("The image encoder failed.");
        }

        return (new CleanImage(bitmap.Width, bitmap.Height), null);
    }

    private static byte[]? Thumbnail(Stream input)
    {
        using var managed = new SKManagedStream(input, disposeManagedStream: false);
        using var codec = SKCodec.Create(managed, out var created);
        if (codec is null || created != SKCodecResult.Success)
        {
            return null;
        }

        var info = codec.Info;
        var scale = Math.Min(1f, (float)ThumbnailSize / Math.Max(info.Width, info.Height));

        // JPEG decodes straight to 1/2, 1/4 or 1/8 size, which saves most of the work and memory.
        var scaled = codec.GetScaledDimensions(scale);
        var decodeInfo = new SKImageInfo(scaled.Width, scaled.Height, SKImageInfo.PlatformColorType, SKAlphaType.Premul, info.ColorSpace);
        using var decoded = new SKBitmap(decodeInfo);
        if (codec.GetPixels(decodeInfo, decoded.GetPixels()) != SKCodecResult.Success)
        {
            decodeInfo = decodeInfo.WithSize(info.Width, info.Height);
            if (!decoded.TryAllocPixels(decodeInfo) || codec.GetPixels(decodeInfo, decoded.GetPixels()) != SKCodecResult.Success)
            {
                return null;
            }
        }

        var width = Math.Max(1, (int)Math.Round(info.Width * scale));
        var height = Math.Max(1, (int)Math.Round(info.Height * scale));
        using var resized = decoded.Width == width && decoded.Height == height
            ? decoded.Copy()
            : decoded.Resize(new SKImageInfo(width, height, SKImageInfo.PlatformColorType, SKAlphaType.Premul, info.ColorSpace),
                new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null)
        {
            return null;
        }

        using var oriented = Orient(resized, codec.EncodedOrigin);
        using var flat = Flatten(oriented ?? resized);
        using var data = flat.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data?.ToArray();
    }

    private static SKEncodedImageFormat? Format(FileType type) =>
        type == FileTypes.Jpeg ? SKEncodedImageFormat.Jpeg
        : type == FileTypes.Png ? SKEncodedImageFormat.Png
        : type == FileTypes.Webp ? SKEncodedImageFormat.Webp
        : null;

    /// The pixels turned as the EXIF orientation says (null when already upright), because the re-encoded file has no EXIF.
    private static SKBitmap? Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or 0)
        {
            return null;
        }

        float w = source.Width, h = source.Height;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

        // x' = ScaleX·x + SkewX·y + TransX; y' = SkewY·x + ScaleY·y + TransY
        var m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var info = source.Info.WithSize(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        var turned = new SKBitmap(info);
        using var canvas = new SKCanvas(turned);
        canvas.SetMatrix(m);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return turned;
    }

    /// Transparent pixels over white: a JPEG thumbnail has no alpha.
    private static SKBitmap Flatten(SKBitmap source)
    {
        var flat = new SKBitmap(source.Info.WithAlphaType(SKAlphaType.Opaque));
        using var canvas = new SKCanvas(flat);
        canvas.Clear(SKColors.White);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return flat;
    }

    public void Dispose() => _jobs.Dispose();
}
